package cn.govcloud.guard.platform.internal;

import cn.govcloud.guard.platform.PlatformRegisters;
import cn.govcloud.guard.shared.Actor;
import cn.govcloud.guard.shared.NotFound;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The registers' public API over the same services the pages use. */
@Service
class PlatformRegistersFacade implements PlatformRegisters {
    private final SupplyChain supplyChain;
    private final Registers registers;
    private final JdbcClient jdbc;

    PlatformRegistersFacade(SupplyChain supplyChain, Registers registers, JdbcClient jdbc) {
        this.supplyChain = supplyChain;
        this.registers = registers;
        this.jdbc = jdbc;
    }

    @Override
    public SbomCounts importSbom(String filename, InputStream content) throws IOException {
        SupplyChain.ImportResult r = supplyChain.importSbom(filename, content, null);
        return new SbomCounts(r.components(), r.added(), r.removed());
    }

    @Override
    public void assessComponent(String purl, String riskLevel, String conclusion, String conditions, String assessor) {
        long id = jdbc.sql("select id from platform_supply_item where purl = :p and provider_org_id = :org").param("p", purl)
                .param("org", Actor.require().orgId()).query(Long.class).optional().orElseThrow(() -> new NotFound("component " + purl));
        supplyChain.assess(id, new SupplyChain.Assessment(riskLevel, conclusion, conditions, assessor));
    }

    @Override
    public long registerLine(String name, String lineType, String carrier, String bandwidth, String userOrg, boolean firewall,
                             boolean intrusionPrevention) {
        return registers.addLine(new Registers.NewLine(name, lineType, carrier, bandwidth, userOrg, firewall, intrusionPrevention, null)).id();
    }

    @Override
    public void registerInterface(Long lineId, String name, String endpoint, String purpose, String manager, String managerContact,
                                  LocalDate reviewedOn, String reviewer) {
        Registers.Interface f = registers.addInterface(new Registers.NewInterface(lineId, name, endpoint, purpose, manager, managerContact));
        if (reviewedOn != null) {
            registers.review(f.id(), new Registers.Review(reviewedOn, reviewer, "OK", null));
        }
    }

    @Override
    public void registerDevices(String type, String vendor, String model, String role, String location, int quantity, boolean compliant,
                                String basis) {
        registers.addDevice(new Registers.NewDevice(type, vendor, model, role, location, quantity, compliant, basis));
    }

    @Override
    public void recordContinuity(String kind, String title, LocalDate onDate, String result, Integer rtoMinutes, Integer rpoMinutes,
                                 String filename, InputStream file) {
        registers.addContinuity(new Registers.NewContinuity(kind, title, onDate, result, rtoMinutes, rpoMinutes), filename, file);
    }
}
