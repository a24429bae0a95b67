package cn.govcloud.guard.systems.web;

import cn.govcloud.guard.duties.Duty;
import cn.govcloud.guard.duties.DutyState;
import cn.govcloud.guard.systems.internal.Addresses;
import cn.govcloud.guard.systems.internal.Admission.Agreement;
import cn.govcloud.guard.systems.internal.Contractors.Contractor;
import cn.govcloud.guard.systems.internal.Contractors.ContractorRole;
import cn.govcloud.guard.systems.internal.HostedSystem;
import cn.govcloud.guard.systems.internal.HostedSystem.Exposure;
import cn.govcloud.guard.systems.internal.Protections.Measure;
import cn.govcloud.guard.systems.internal.Protections.Protection;
import cn.govcloud.guard.systems.internal.SystemQueries.Transition;
import cn.govcloud.guard.systems.internal.SystemRegister;
import cn.govcloud.guard.systems.internal.SystemState;
import cn.govcloud.guard.systems.internal.Verification.Item;
import cn.govcloud.guard.systems.internal.Verification.ItemKind;
import cn.govcloud.guard.systems.internal.Verification.ItemStatus;
import cn.govcloud.guard.systems.internal.WorkOrderQueries.Pending;
import cn.govcloud.guard.systems.internal.WorkOrders.Kind;
import cn.govcloud.guard.systems.internal.WorkOrders.State;
import cn.govcloud.guard.systems.internal.WorkOrders.WorkOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The JSON of the systems API (API.md, "Systems" and "Work orders"): one record per shape, field names as API.md has them. */
final class SystemDtos {
    private SystemDtos() {
    }

    /** A keyset page: {@code next} is the id to pass as {@code before} for the following page, null on the last. */
    record Page<T>(List<T> items, Long next) {
        static <S, T> Page<T> of(List<S> fetched, int size, Function<S, T> json, Function<S, Long> id) {
            return new Page<>(fetched.stream().limit(size).map(json).toList(), fetched.size() > size ? id.apply(fetched.get(size - 1)) : null);
        }
    }

    record AddressJson(Addresses.Kind kind, String address) {
    }

    record SystemJson(long id, SystemState status, String name, long unitId, String unitName, String purpose, int mlpsLevel,
                      String filingNumber, String responsibleName, String responsibleMobile, Set<Exposure> exposure,
                      List<AddressJson> addresses, boolean internetAccess, boolean externalExchange, LocalDate exitDeadline,
                      boolean exitOverdue, String stateReason, String dataDisposition, Instant createdAt, Instant updatedAt) {
        static SystemJson of(HostedSystem s) {
            return new SystemJson(s.id(), s.state(), s.name(), s.orgId(), s.orgName(), s.purpose(), s.mlpsLevel(), s.filingNumber(),
                    s.responsibleName(), s.mobileMasked(), s.exposure(),
                    s.assets().stream().map(a -> new AddressJson(a.kind(), a.address())).toList(), s.internetAccess(),
                    s.externalExchange(), s.exitDeadline(), s.exitOverdue(), s.stateReason(), s.dataDisposition(), s.createdAt(), s.updatedAt());
        }
    }

    /**
     * Issue 17 point 6: {@code internetAccess} / {@code externalExchange} are the supervisor's decision; while the provider's
     * work order for a switch is open, {@code …Pending} is true ("ordered, awaiting execution").
     */
    /** {@code criticalInfrastructure} (关基) and {@code nonClassified} (非涉密 declared): the flags of issue 22 point 3. */
    record ListedSystem(@JsonUnwrapped SystemJson system, boolean internetAccessPending, boolean externalExchangePending,
                        boolean criticalInfrastructure, boolean nonClassified) {
        static ListedSystem of(HostedSystem s, Pending p, cn.govcloud.guard.systems.internal.Classification.Flags f) {
            return new ListedSystem(SystemJson.of(s), p.internetAccessPending(), p.externalExchangePending(), f.cii(), f.nonClassified());
        }
    }

    record MeasureJson(boolean present, String detail) {
        static MeasureJson of(Protection p) {
            return new MeasureJson(p.present(), p.detail() == null ? "" : p.detail());
        }
    }

    /** One system with everything its page shows. */
    record SystemDetail(@JsonUnwrapped SystemJson system, boolean internetAccessPending, boolean externalExchangePending,
                        AgreementJson agreement, Map<String, ItemJson> verification, boolean verificationPassed,
                        Map<String, MeasureJson> protections, List<ContractorJson> contractors, List<TransitionJson> timeline,
                        List<DutyJson> duties, List<WorkOrderJson> workOrders) {
    }

    record MobileJson(String responsibleMobile) {
    }

    record AgreementJson(long id, long documentId, String agreementNumber, String unitSignatory, String providerSignatory,
                         LocalDate signedOn, Instant recordedAt, String recordedBy) {
        static AgreementJson of(Agreement a) {
            return new AgreementJson(a.id(), a.documentId(), a.agreementNumber(), a.unitSignatory(), a.providerSignatory(), a.signedOn(),
                    a.recordedAt(), a.recordedBy());
        }
    }

    record ItemJson(ItemKind kind, ItemStatus status, long documentId, String certNumber, LocalDate certDate, String conclusion,
                    LocalDate validUntil, Integer certLevel, String reviewReason, Instant uploadedAt, String uploadedBy, Instant reviewedAt,
                    String reviewedBy) {
        static ItemJson of(Item i) {
            return new ItemJson(i.kind(), i.status(), i.documentId(), i.certNumber(), i.certDate(), i.conclusion(), i.validUntil(),
                    i.certLevel(), i.reviewReason(), i.uploadedAt(), i.uploadedBy(), i.reviewedAt(), i.reviewedBy());
        }

        static Map<String, ItemJson> all(Map<ItemKind, Item> items) {
            Map<String, ItemJson> json = new LinkedHashMap<>();
            items.forEach((kind, item) -> json.put(kind.name(), of(item)));
            return json;
        }
    }

    record ProtectionJson(Measure measure, boolean present, String detail, Long documentId, Instant declaredAt, String declaredBy) {
        static ProtectionJson of(Protection p) {
            return new ProtectionJson(p.measure(), p.present(), p.detail(), p.documentId(), p.declaredAt(), p.declaredBy());
        }
    }

    record ContractorJson(long id, String name, ContractorRole role, String dataAccess, Long confidentialityDocumentId,
                          Long responsibilityDocumentId, LocalDate signedOn, LocalDate expiresOn, boolean expired) {
        static ContractorJson of(Contractor c) {
            return new ContractorJson(c.id(), c.name(), c.role(), c.dataAccess(), c.confidentialityDocumentId(), c.responsibilityDocumentId(),
                    c.signedOn(), c.expiresOn(), c.expired());
        }
    }

    record TransitionJson(String action, SystemState from, SystemState to, String rule, String reason, String actor, Instant at) {
        static TransitionJson of(Transition t) {
            return new TransitionJson(t.action(), t.from(), t.to(), t.rule(), t.reason(), t.actor(), t.at());
        }
    }

    record DutyJson(long id, String ruleId, String article, DutyState state, LocalDate dueDate, Instant dueAt, boolean dueProvisional) {
        static DutyJson of(Duty d) {
            return new DutyJson(d.id(), d.ruleId(), d.article(), d.state(), d.dueDate(), d.dueAt(), d.dueProvisional());
        }
    }

    /** The provider's confirmation of a work order; {@code late}: confirmed after the due time. */
    record ConfirmationJson(String executedBy, Instant executedAt, String changes, Long evidenceDocumentId, Instant confirmedAt,
                            String confirmedBy, boolean late) {
    }

    record WorkOrderJson(long id, long systemId, String systemName, long unitId, String unitName, Kind kind, String rule, String change,
                         Boolean internetAccess, Boolean externalExchange, String reason, Instant orderedAt, String orderedBy, Long dutyId,
                         LocalDate dueDate, Instant dueAt, boolean dueProvisional, State state, ConfirmationJson confirmation) {
        static WorkOrderJson of(WorkOrder w) {
            return new WorkOrderJson(w.id(), w.systemId(), w.systemName(), w.orgId(), w.orgName(), w.kind(), w.ruleId(), w.change(),
                    w.internetAccess(), w.externalExchange(), w.reason(), w.orderedAt(), w.orderedBy(), w.dutyId(), w.dueDate(), w.dueAt(),
                    w.dueProvisional(), w.state(), w.confirmedAt() == null ? null
                    : new ConfirmationJson(w.executedBy(), w.executedAt(), w.executionNote(), w.evidenceDocumentId(), w.confirmedAt(),
                    w.confirmedBy(), w.late()));
        }
    }

    /** One system as the provider's register shows it (A8.1: nothing of the unit's data). */
    record RegisterEntryJson(long id, String name, long unitId, String unitName, int mlpsLevel, Set<Exposure> exposure, List<String> addresses,
                             SystemState status, boolean internetAccess, boolean internetAccessPending, boolean externalExchange,
                             boolean externalExchangePending, LocalDate exitDeadline) {
        static RegisterEntryJson of(SystemRegister.Entry e) {
            return new RegisterEntryJson(e.id(), e.name(), e.unitId(), e.unitName(), e.mlpsLevel(), e.exposure(), e.addresses(), e.state(),
                    e.internetAccess(), e.internetAccessPending(), e.externalExchange(), e.externalExchangePending(), e.exitDeadline());
        }
    }
}
