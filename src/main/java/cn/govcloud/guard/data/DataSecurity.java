package cn.govcloud.guard.data;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * What other modules (the demo city) may ask of the data-security module. Every call acts as the
 * signed-in actor, with the same checks as the pages and the API: only a unit's people write, and
 * only for their own unit's systems.
 */
public interface DataSecurity {

    /**
     * GB/T 43697-2024 grades, highest first; general data has four levels (4 the most sensitive).
     * {@link #catalogGrade()} is the rule catalog's {@code dataGrade} (core | important | general).
     */
    enum Grade {
        CORE("core", 6), IMPORTANT("important", 5), GENERAL_4("general", 4), GENERAL_3("general", 3), GENERAL_2("general", 2),
        GENERAL_1("general", 1);

        private final String catalogGrade;
        private final int rank;

        Grade(String catalogGrade, int rank) {
            this.catalogGrade = catalogGrade;
            this.rank = rank;
        }

        public String catalogGrade() {
            return catalogGrade;
        }

        public int rank() {
            return rank;
        }

        public boolean below(Grade other) {
            return rank < other.rank;
        }

        public boolean importantOrCore() {
            return this == CORE || this == IMPORTANT;
        }

        public static Grade max(Grade a, Grade b) {
            if (a == null) {
                return b;
            }
            return b == null || a.rank >= b.rank ? a : b;
        }

        public static List<Grade> all() {
            return Arrays.asList(values());
        }
    }

    /** What a part of a data set holds. */
    enum PartKind { PERSONAL, SENSITIVE_PERSONAL, BUSINESS, PUBLIC }

    /** Whose interests a leak or tampering would harm (GB/T 43697-2024, 6.2). */
    enum HarmObject { NATIONAL_SECURITY, ECONOMY, SOCIAL_ORDER, PUBLIC_INTEREST, ORGANISATION, INDIVIDUAL }

    /** How badly (特别严重危害, 严重危害, 一般危害, 无危害). */
    enum HarmSeverity { PARTICULARLY_SERIOUS, SERIOUS, GENERAL, NONE }

    enum Location { LOCAL, OFFSITE }

    enum Result { SUCCESS, FAILED }

    /** A8.3: the three routes of the 《网络数据安全管理条例》 / 《数据出境安全评估办法》. */
    enum LegalBasis { SECURITY_ASSESSMENT, STANDARD_CONTRACT, CERTIFICATION }

    enum TransferStatus { PLANNED, FILED, APPROVED, REJECTED, WITHDRAWN }

    /** A part of a data set (a field group or category) with its own grade. */
    record Part(@Size(max = 200) String name, PartKind kind, Grade grade) {
    }

    /** A data set; {@code grade} null: graded by its most sensitive part and its basis (就高从严). */
    record NewDataset(Long systemId, @Size(max = 200) String name, @Size(max = 2000) String description, @Size(max = 100) String businessArea,
                      @Size(max = 100) String volume, @Size(max = 300) String storageLocation, Grade grade, HarmObject harmObject,
                      HarmSeverity harmSeverity, @Size(max = 2000) String gradingNote, @Valid List<Part> parts) {
        public NewDataset {
            parts = parts == null ? List.of() : List.copyOf(parts);
        }
    }

    /** A backup policy of one data set, or of a whole system when {@code datasetId} is null. */
    record NewPolicy(Long systemId, Long datasetId, Boolean localCopy, Boolean offsiteCopy, @Size(max = 300) String offsiteLocation, Integer everyHours,
                     Integer retentionDays, Integer rtoHours, Integer rpoHours) {
    }

    record NewBackup(Instant ranAt, Result result, Long sizeBytes, Location location, @Size(max = 300) String locationDetail,
                     @Size(max = 1000) String note) {
    }

    record NewRestoreTest(Instant testedAt, Result result, Location location, Integer recoveredMinutes, @Size(max = 1000) String note) {
    }

    record NewTransfer(Long datasetId, @Size(max = 200) String recipient, @Size(max = 100) String country, @Size(max = 1000) String purpose,
                       LegalBasis legalBasis, TransferStatus status,
                       LocalDate validUntil) {
    }

    /** Catalogs a data set of one of the actor's unit's systems; returns its id. */
    long catalog(NewDataset dataset);

    /** Sets (creates or replaces) a backup policy; returns its id. */
    long setPolicy(NewPolicy policy);

    long recordBackup(long policyId, NewBackup backup);

    long recordRestoreTest(long policyId, NewRestoreTest test);

    long registerTransfer(NewTransfer transfer);
}
