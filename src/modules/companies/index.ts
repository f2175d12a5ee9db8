export { registerCompanyRoutes } from './companies.routes.js';
export { registerCompanyReference } from './companies.service.js';
export type { Company, CompanyDetail, CompanyStatus } from './companies.schema.js';
export { rowValues as companyRowValues } from './companies.mapper.js';
export { markCompanyCurrent } from './companies.status.js';
