import type { AnalyticsSection } from '../../analytics/ui/sections.js';
import { ChurnPage } from './ChurnPage.js';
import { ProductClassesPage } from './ProductClassesPage.js';
import { SegmentsPage } from './SegmentsPage.js';

/** Analytics tabs of segmentation: clients (ABC-XYZ, RFM), product classes (ABC, XYZ, BCG), churn. */
export const analyticsSections: AnalyticsSection[] = [
  { path: 'segments', label: 'segments:tab', order: 50, resource: 'company', element: <SegmentsPage /> },
  { path: 'product-classes', label: 'segments:productsTab', order: 51, resource: 'product', element: <ProductClassesPage /> },
  { path: 'churn', label: 'segments:churnTab', order: 52, resource: 'company', element: <ChurnPage /> },
];
