package cn.govcloud.guard.demo;

/**
 * One area of the demo city (its systems, its duties, its hazards …), seeded once on the first start by
 * {@link DemoSeeder} in the order of the steps' {@link org.springframework.core.annotation.Order} — later areas build on
 * earlier ones (hazards on admitted systems, the annual assessment's units on the city's organisations). A step holds
 * only the few services its area needs and calls them as the people of the city would ({@link DemoSeeding#as}), so the
 * data is valid and audited by construction. The steps are records: their components are the beans they need.
 */
interface DemoStep {

    void seed();
}
