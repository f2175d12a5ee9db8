import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { get } from '../../../web/api.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { CompanyDetail } from '../companies.schema.js';
import { CompanyForm } from './CompanyForm.js';

/** 'companies/new' and 'companies/:id/edit'. */
export function CompanyFormPage() {
  const { id } = useParams();
  const company = useQuery({ queryKey: ['companies', id], queryFn: () => get<CompanyDetail>(`/companies/${id}`), enabled: !!id });
  if (!id) return <CompanyForm />;
  if (company.error) return <ErrorState error={company.error} ns="companies" backTo="/companies" />;
  if (!company.data) return <PageLoader />;
  return <CompanyForm key={id} initial={company.data} />;
}
