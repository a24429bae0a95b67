package cn.govcloud.guard.rules;

/**
 * The least backup policy the catalog accepts for data of one grade (A7.1, A8.2): a policy below
 * it is a finding naming {@code rule}. Grades are those of GB/T 43697-2024 as the catalog's
 * {@code dataGrade} attribute spells them: {@code core}, {@code important}, {@code general}.
 *
 * @param grade          core | important | general
 * @param rule           the rule a shortfall is reported under, e.g. {@code A8.2-backup-policy-check}
 * @param offsite        whether an off-site copy is required
 * @param maxEveryHours  the longest allowed interval between two backups (24 = at least daily)
 * @param minRetentionDays how long backups must be kept at least
 * @param graceHours     how late a backup may be before it counts as missed
 */
public record BackupMinimum(String grade, String rule, boolean offsite, int maxEveryHours, int minRetentionDays, int graceHours) {
}
