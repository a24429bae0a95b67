package cn.govcloud.guard.identity;

/** Figures for the home pages, scoped to what the current actor may see. */
public interface IdentityStatistics {

    long organisations();

    long users();
}
