import type { AppRoute } from '../../../web/routes.js';
import { DuplicatesPage } from './DuplicatesPage.js';

export const duplicateRoutes: AppRoute[] = [{ path: 'duplicates', element: <DuplicatesPage /> }];
