package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.PlatformRegisters;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/** The registers' public API over the same services the pages use, acting as the signed-in actor. */
@Service
class PlatformRegistersFacade implements PlatformRegisters {
    private final SbomImports imports;
    private final SupplyChain supplyChain;
    private final SupplyItems items;
    private final NetworkLines lines;
    private final Interfaces interfaces;
    private final Hardware hardware;
    private final BusinessContinuity continuity;

    PlatformRegistersFacade(SbomImports imports, SupplyChain supplyChain, SupplyItems items, NetworkLines lines, Interfaces interfaces,
                            Hardware hardware, BusinessContinuity continuity) {
        this.imports = imports;
        this.supplyChain = supplyChain;
        this.items = items;
        this.lines = lines;
        this.interfaces = interfaces;
        this.hardware = hardware;
        this.continuity = continuity;
    }

    @Override
    public SbomCounts importSbom(String filename, InputStream content) throws IOException {
        SbomImports.ImportResult r = imports.importSbom(Actor.require(), filename, content, null);
        return new SbomCounts(r.components(), r.added(), r.removed());
    }

    @Override
    public void assessComponent(String purl, String riskLevel, String conclusion, String conditions, String assessor) {
        Actor actor = Actor.require();
        long id = items.idByPurl(actor.orgId(), purl).orElseThrow(() -> new NotFound("component " + purl));
        supplyChain.assess(actor, id, new SupplyChain.Assessment(riskLevel, conclusion, conditions, assessor));
    }

    @Override
    public long registerLine(String name, String lineType, String carrier, String bandwidth, String userOrg, boolean firewall,
                             boolean intrusionPrevention) {
        return lines.addLine(Actor.require(), new NetworkLines.NewLine(name, lineType, carrier, bandwidth, userOrg, firewall,
                intrusionPrevention, null)).id();
    }

    @Override
    public void registerInterface(Long lineId, String name, String endpoint, String purpose, String manager, String managerContact,
                                  LocalDate reviewedOn, String reviewer) {
        Actor actor = Actor.require();
        Interfaces.Interface f = interfaces.addInterface(actor, new Interfaces.NewInterface(lineId, name, endpoint, purpose, manager,
                managerContact));
        if (reviewedOn != null) {
            interfaces.review(actor, f.id(), new Interfaces.Review(reviewedOn, reviewer, "OK", null));
        }
    }

    @Override
    public void registerDevices(String type, String vendor, String model, String role, String location, int quantity, boolean compliant,
                                String basis) {
        hardware.addDevice(Actor.require(), new Hardware.NewDevice(type, vendor, model, role, location, quantity, compliant, basis));
    }

    @Override
    public void recordContinuity(String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes,
                                 String filename, InputStream file) {
        continuity.addContinuity(Actor.require(), new BusinessContinuity.NewContinuity(kind, title, onDate, result, rtoMinutes,
                rpoMinutes), filename, file);
    }
}
