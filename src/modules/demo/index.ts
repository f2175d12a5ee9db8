export { seedDemoCompanies, type SeedOptions } from './demo.seed.js';
export { ensureDemoTeam, DEMO_PASSWORD } from './demo.team.js';
export { demoCompany, rng } from './demo.generator.js';
export { seedDemoCatalog } from './demo.catalog.js';
export { seedDemoDeals } from './demo.deals.js';
export { seedDemoSalesHistory } from './demo.history.js';
export { seedDemoActivities } from './demo.activities.js';
export { seedDemoPlans } from './demo.plans.js';
