package cn.govcloud.guard.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.govcloud.guard.rules.AssessmentModel;
import cn.govcloud.guard.rules.AssessmentModel.Item;
import org.junit.jupiter.api.Test;

/** The annual assessment model as catalog data (A12) and the district overlay's weights and deductions (A13). */
class AssessmentModelUnitTests {
    private final ProductCatalog product = ProductCatalogs.product();
    private final OverlayParser overlays = new OverlayParser(product);

    @Test
    void a12_theCatalogScoresDutiesHazardsIncidentsAndAdmissionWithWeightsAddingUpTo100() {
        AssessmentModel model = product.assessment();
        assertThat(model.items()).extracting(Item::id).containsExactly("duties", "hazards", "incidents", "admission");
        assertThat(model.items()).extracting(Item::kind).containsExactly(AssessmentModel.Kind.DUTIES, AssessmentModel.Kind.HAZARDS,
                AssessmentModel.Kind.INCIDENTS, AssessmentModel.Kind.ADMISSION);
        assertThat(model.totalWeight()).isEqualTo(100);
        Item incidents = model.item("incidents").orElseThrow();
        assertThat(incidents.deduction("I")).isEqualTo(20);
        // issue 17 point 15: a grade IV incident reported on time costs nothing; 迟报、漏报、瞒报 do
        assertThat(incidents.deduction("IV")).isZero();
        assertThat(incidents.deduction("late")).isEqualTo(5);
        assertThat(incidents.deduction("missing")).isEqualTo(10);
        assertThat(incidents.deduction("concealed")).isEqualTo(20);
        assertThat(model.items()).allSatisfy(i -> assertThat(i.note()).isNotBlank());
    }

    @Test
    void a12_anOverlayChangesWeightsAndDeductionsAndMarksThem_A13() {
        Overlay overlay = overlays.parse("overlay.yaml", """
                overlay: {name: 昆都仑区, version: 2026-a, basedOn: 2025.12.16-r1}
                assessment:
                  items:
                    hazards: {weight: 40}
                    admission: {weight: 0}
                    incidents: {deductions: {III: 20}}
                """, true);
        AssessmentModel model = overlay.apply(product.assessment());
        assertThat(model.item("hazards").orElseThrow().weight()).isEqualTo(40);
        assertThat(model.item("hazards").orElseThrow().overridden()).containsExactly("weight");
        assertThat(model.item("incidents").orElseThrow().deduction("III")).isEqualTo(20);
        assertThat(model.item("incidents").orElseThrow().deduction("II")).isEqualTo(10);
        assertThat(model.item("incidents").orElseThrow().overridden()).containsExactly("deductions.III");
        assertThat(model.item("duties").orElseThrow().overridden()).isEmpty();
        assertThat(model.totalWeight()).isEqualTo(100);
    }

    @Test
    void a12_aDistrictAddsADrillsItemCountingOnlyTheUnitsDrillDuties_A13() {
        Overlay overlay = overlays.parse("overlay.yaml", """
                overlay: {name: 昆都仑区, version: 2026-c, basedOn: 2025.12.16-r1}
                assessment:
                  items:
                    duties: {weight: 30}
                    drills:
                      kind: duties
                      rules: [A10.3-]
                      title: 应急预案与演练
                      titleEn: Emergency plans and drills
                      weight: 10
                      note: 昆都仑区将应急预案修订和演练参与单列考核。
                """, true);
        AssessmentModel model = overlay.apply(product.assessment());
        assertThat(model.items()).extracting(Item::id).containsExactly("duties", "hazards", "incidents", "admission", "drills");
        Item drills = model.item("drills").orElseThrow();
        assertThat(drills.kind()).isEqualTo(AssessmentModel.Kind.DUTIES);
        assertThat(drills.rulePrefixes()).containsExactly("A10.3-");
        assertThat(drills.overridden()).containsExactly("added");
        assertThat(model.totalWeight()).isEqualTo(100);
    }

    @Test
    void a12_anOverlayWhoseWeightsDoNotAddUpTo100OrNamesAnUnknownItemIsRefused() {
        assertRefused("assessment: {items: {hazards: {weight: 50}}}", "overlay.yaml:2: assessment.items: with this overlay the weights add up to 120");
        assertRefused("assessment: {items: {drills: {weight: 10}}}", "overlay.yaml:2: assessment.items.drills: no assessment item 'drills'");
        assertRefused("assessment: {items: {drills: {kind: duties, rules: [Z9-], title: 演练, titleEn: Drills, weight: 0, note: n}}}",
                "overlay.yaml:2: assessment.items.drills.rules: no rule of this catalog starts with 'Z9-'");
        assertRefused("assessment: {items: {duties: {kind: hazards}}}", "overlay.yaml:2: assessment.items.duties.kind: may not be overridden");
        assertRefused("assessment: {items: {duties: {deductions: {I: 5}}}}", "overlay.yaml:2: assessment.items.duties.deductions: only an item of kind incidents");
        assertRefused("assessment: {items: {incidents: {deductions: {V: 5}}}}", "overlay.yaml:2: assessment.items.incidents.deductions.V: not a grade");
    }

    @Test
    void a12_aCatalogWhoseWeightsDoNotAddUpTo100IsRefused() {
        String catalog = ProductCatalogs.resource("rules/catalog.yaml").replace("      weight: 10\n", "      weight: 15\n");
        assertThatThrownBy(() -> new CatalogParser(Requirements.load()).parse("catalog.yaml", catalog))
                .isInstanceOf(CatalogInvalid.class)
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).contains("assessment.items: the weights add up to 105; they must add up to 100")));
    }

    private void assertRefused(String body, String expected) {
        String yaml = "overlay: {name: 昆都仑区, version: 2026-b, basedOn: 2025.12.16-r1}\n" + body + "\n";
        assertThatThrownBy(() -> overlays.parse("overlay.yaml", yaml, true))
                .isInstanceOf(CatalogInvalid.class)
                .satisfies(e -> assertThat(((CatalogInvalid) e).problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).startsWith(expected)));
    }
}
