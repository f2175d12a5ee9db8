import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { DealDetail } from '../deals.schema.js';
import { emptyDeal, valuesOf } from './dealForm.js';
import { useBaseCurrency, usePipelines } from './dealsApi.js';
import { DealForm } from './DealForm.js';

/** 'deals/new' (?pipelineId=, ?companyId= prefill it) and 'deals/:id/edit'. */
export function DealFormPage() {
  const { id } = useParams();
  const [sp] = useSearchParams();
  const { me } = useAuth();
  const pipelines = usePipelines();
  const base = useBaseCurrency();
  const companyId = sp.get('companyId');
  const deal = useQuery({ queryKey: ['deals', id], queryFn: () => get<DealDetail>(`/deals/${id}`), enabled: !!id });
  const company = useQuery({ queryKey: ['companies', companyId], queryFn: () => get<{ id: string; name: string }>(`/companies/${companyId}`), enabled: !id && !!companyId });

  const error = pipelines.error ?? deal.error ?? company.error;
  if (error) return <ErrorState error={error} ns="deals" backTo="/deals" />;
  if (!pipelines.data || !base.ready || (id && !deal.data) || (companyId && !id && !company.data)) return <PageLoader />;

  if (deal.data) return <DealForm key={deal.data.id} initial={deal.data} start={valuesOf(deal.data)} pipelines={pipelines.data} />;
  const active = pipelines.data.filter((p) => p.isActive);
  const pipeline = active.find((p) => p.id === sp.get('pipelineId')) ?? active.find((p) => p.isDefault) ?? active[0];
  const start = emptyDeal({
    ownerId: me?.id ?? null,
    currency: base.currency,
    pipelineId: pipeline?.id ?? null,
    stageId: pipeline?.stages.find((s) => s.kind === 'open')?.id ?? null,
    company: company.data ? { id: company.data.id, name: company.data.name } : null,
  });
  return <DealForm start={start} pipelines={pipelines.data} />;
}
