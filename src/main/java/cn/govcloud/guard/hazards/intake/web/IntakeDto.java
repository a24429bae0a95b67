package cn.govcloud.guard.hazards.intake.web;

import cn.govcloud.guard.hazards.Hazards;
import cn.govcloud.guard.hazards.intake.Intake.AlertSummary;
import cn.govcloud.guard.hazards.intake.Intake.ImportSummary;
import cn.govcloud.guard.hazards.intake.internal.Alert;
import cn.govcloud.guard.hazards.intake.internal.Finding;
import cn.govcloud.guard.hazards.intake.internal.ImportRecord;
import cn.govcloud.guard.hazards.intake.internal.IntakeQueries.BurstMember;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The requests and answers of the intake API (API.md), field for field as the contract names them. */
final class IntakeDto {
    private IntakeDto() {
    }

    // ---- requests ----------------------------------------------------------------------------

    /** A generic monitoring alert: the system by id or by address, title, severity (CRITICAL…INFO), time, detail. */
    record AlertBody(Long systemId, @Size(max = 255, message = "{hazards.intake.error.address}") String address,
                     @NotBlank(message = "{hazards.intake.error.title}") @Size(max = 500, message = "{hazards.intake.error.title}") String title,
                     @NotNull(message = "{hazards.intake.error.severity}")
                     @Pattern(regexp = "(?i)\\s*(CRITICAL|HIGH|MEDIUM|LOW|INFO)\\s*", message = "{hazards.intake.error.severity}") String severity,
                     Instant time, @Size(max = 4000, message = "{hazards.intake.error.detail}") String detail) {
    }

    record AssignBody(@NotNull(message = "{hazards.intake.error.system}") Long systemId) {
    }

    record DismissBody(@NotBlank(message = "{hazards.intake.error.reason}") @Size(max = 500, message = "{hazards.intake.error.reason}") String reason) {
    }

    // ---- answers -----------------------------------------------------------------------------

    /** A page of a list: {@code next} is the cursor for {@code before=}, null on the last page. */
    record PageView<T>(List<T> items, Long next) {
    }

    record ScanImported(long importId, String format, int results, @JsonProperty("new") int newFindings, int updated, int unmatched) {
        static ScanImported of(ImportSummary s) {
            return new ScanImported(s.importId(), s.format(), s.results(), s.newFindings(), s.updated(), s.unmatched());
        }
    }

    record ImportAccepted(long importId, String status, String progress) {
    }

    record ImportStatus(long importId, String status, String format, String filename, long bytesRead, Long totalBytes, int results, int stored,
                        Integer percent, Long etaSeconds, @JsonProperty("new") int newCount, int updated, int unmatched, String error,
                        Instant importedAt, Instant finishedAt, String importedBy) {
        static ImportStatus of(ImportRecord r) {
            return new ImportStatus(r.id(), r.status(), r.format(), r.filename(), r.bytes(), r.totalBytes(), r.results(), r.stored(), r.percent(),
                    r.etaSeconds(), r.newCount(), r.updated(), r.unmatched(), r.error(), r.importedAt(), r.finishedAt(), r.importedBy());
        }
    }

    record EveImported(long importId, long events, long alerts, @JsonProperty("new") int newAlerts, int grouped, int unmatched, long skipped,
                       int replayed) {
        static EveImported of(AlertSummary s) {
            return new EveImported(s.importId(), s.events(), s.alerts(), s.newAlerts(), s.grouped(), s.unmatched(), s.skipped(), s.replayed());
        }
    }

    record FindingView(long id, String scanner, String pluginId, String host, String hostname, String port, String name, String severity,
                       Double score, List<String> cves, String detail, Long systemId, String systemName, String state, Instant firstSeen,
                       Instant lastSeen, int seenCount, String triagedBy, Instant triagedAt, String dismissReason, Long hazardId) {
        static FindingView of(Finding f) {
            return new FindingView(f.id(), f.scanner(), f.pluginId(), f.host(), f.hostname(), f.port(), f.name(), f.severity(), f.score(), f.cves(),
                    f.detail(), f.systemId(), f.systemName(), f.state(), f.firstSeen(), f.lastSeen(), f.seenCount(), f.triagedBy(), f.triagedAt(),
                    f.dismissReason(), f.hazardId());
        }
    }

    /** What {@code POST /api/v1/alerts} answers: the alert, or only its id when the caller may not read it back. */
    sealed interface PostedAlert permits AlertView, AlertId {
    }

    record AlertId(long id) implements PostedAlert {
    }

    record AlertView(long id, String source, String title, String category, String severity, Long signatureId, String srcIp, Integer srcPort,
                     String destIp, Integer destPort, String proto, Long flowId, String communityId, String address, String detail, Instant firstAt,
                     Instant lastAt, int count, Long systemId, String systemName, String state, Instant receivedAt, String receivedBy,
                     String triagedBy, String dismissReason, Long hazardId) implements PostedAlert {
        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.source(), a.title(), a.category(), a.severity(), a.signatureId(), a.srcIp(), a.srcPort(), a.destIp(),
                    a.destPort(), a.proto(), a.flowId(), a.communityId(), a.address(), a.detail(), a.firstAt(), a.lastAt(), a.count(), a.systemId(),
                    a.systemName(), a.state(), a.receivedAt(), a.receivedBy(), a.triagedBy(), a.dismissReason(), a.hazardId());
        }
    }

    /** An alert with the alerts told as one with it (issue 24 point 5). */
    record AlertDetail(@JsonUnwrapped AlertView alert, List<BurstMember> burst) {
    }

    /** A queued item with its time to be assigned or dismissed (catalog rule A10.1-triage); null when queued before the clock. */
    record Queued<T>(@JsonUnwrapped T item, Instant triageDueAt) {
    }

    record TriageView(List<Queued<FindingView>> findings, List<Queued<AlertView>> alerts) {
    }

    record HazardRaised(long id, String status, LocalDate dueDate, Instant dueAt, boolean dueProvisional, String sourceRef) {
        static HazardRaised of(Hazards.Raised r, String sourceRef) {
            return new HazardRaised(r.id(), r.status(), r.dueDate(), r.dueAt(), r.dueProvisional(), sourceRef);
        }
    }
}
