/**
 * The per-system assessment ledger (A7.2, issue 17 point 9): every 等保测评, 商用密码应用安全性评估, penetration test and
 * risk assessment filed for a hosted system, the next one due after the catalog's cadence, reminders before it, and
 * the list the supervisor's monthly scheduling reads. Exposed to other modules as the named interface {@code ledger}
 * ({@link cn.govcloud.guard.systems.ledger.AssessmentLedger}).
 */
@org.springframework.modulith.NamedInterface("ledger")
package cn.govcloud.guard.systems.ledger;
