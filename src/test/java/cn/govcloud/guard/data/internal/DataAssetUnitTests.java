package cn.govcloud.guard.data.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.govcloud.guard.data.DataSecurity.Grade;
import cn.govcloud.guard.data.DataSecurity.HarmObject;
import cn.govcloud.guard.data.DataSecurity.HarmSeverity;
import org.junit.jupiter.api.Test;

/** A8.2, GB/T 43697-2024 table 1: the grade a data set's basis (harm object and severity) requires. */
class DataAssetUnitTests {

    @Test
    void theBasisGradesAfterTheStandard_A8_2() {
        assertThat(DataAsset.basisGrade(HarmObject.NATIONAL_SECURITY, HarmSeverity.SERIOUS)).isEqualTo(Grade.CORE);
        assertThat(DataAsset.basisGrade(HarmObject.NATIONAL_SECURITY, HarmSeverity.GENERAL)).isEqualTo(Grade.IMPORTANT);
        assertThat(DataAsset.basisGrade(HarmObject.ECONOMY, HarmSeverity.PARTICULARLY_SERIOUS)).isEqualTo(Grade.CORE);
        assertThat(DataAsset.basisGrade(HarmObject.SOCIAL_ORDER, HarmSeverity.SERIOUS)).isEqualTo(Grade.IMPORTANT);
        assertThat(DataAsset.basisGrade(HarmObject.PUBLIC_INTEREST, HarmSeverity.GENERAL)).isEqualTo(Grade.GENERAL_1);
        assertThat(DataAsset.basisGrade(HarmObject.INDIVIDUAL, HarmSeverity.PARTICULARLY_SERIOUS)).isEqualTo(Grade.GENERAL_1);
        assertThat(DataAsset.basisGrade(null, HarmSeverity.SERIOUS)).isNull();
    }
}
