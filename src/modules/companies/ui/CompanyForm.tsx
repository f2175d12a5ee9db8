import { useState } from 'react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, get, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { AddressesEditor, EmailsEditor, PhonesEditor } from '../../../web/components/ContactPointsEditor.js';
import { CustomFieldInputs } from '../../../web/components/CustomFields.js';
import { DuplicatesAlert, FormError, VersionConflictAlert, type ConflictChange } from '../../../web/components/FormAlerts.js';
import { changedFields } from '../../../web/components/formRows.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { companyStatuses, type CompanyDetail, type CompanyStatus, type DuplicateCandidate } from '../companies.schema.js';
import { conflictFields, emptyCompany, requestOf, valuesOf, type CompanyValues } from './companyForm.js';
import { LegalFormSelect, RequisitesFields } from './RequisitesFields.js';
import { taxIdProblems, type TaxField } from './taxChecks.js';
import { groupCandidates, useCompanyDuplicates, type DuplicateMatch } from './useCompanyDuplicates.js';

/** Create or edit a company. Tax ids are checked as they are typed; Enter in a text field saves. */
export function CompanyForm({ initial }: { initial?: CompanyDetail }) {
  const { t } = useTranslation('companies');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [base, setBase] = useState(initial);
  const { me } = useAuth();
  const [v, setV] = useState<CompanyValues>(initial ? valuesOf(initial) : { ...emptyCompany, ownerId: me?.id ?? null });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [typing, setTyping] = useState<TaxField | null>(null);
  const [blocking, setBlocking] = useState<DuplicateMatch[] | null>(null);
  const [conflict, setConflict] = useState<{ changes: ConflictChange[]; latest: CompanyDetail } | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = useCompanyDuplicates(v, base?.id);
  const duplicates = blocking ?? typed;

  const problems = taxIdProblems(v, typing);
  const liveErrors = Object.fromEntries(Object.entries(problems).map(([f, code]) => [f, t(`taxids.${code}`)]));
  const errors = { ...serverErrors, ...liveErrors };

  const set = <K extends keyof CompanyValues>(k: K, value: CompanyValues[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setServerErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => f !== k && !f.startsWith(`${k}.`))));
    if (k !== 'notes') setBlocking(null);
  };

  const submit = async (confirmDuplicate = false) => {
    if (!v.name.trim()) {
      setServerErrors({ name: t('ui:errors.validation.required') });
      return;
    }
    if (Object.keys(taxIdProblems(v, null)).length) {
      setTyping(null);
      setFormError(t('common:errors.validation_failed'));
      return;
    }
    const { body, mapErrors } = requestOf(v);
    setBusy(true);
    setFormError(null);
    setServerErrors({});
    try {
      const saved = base
        ? await patch<CompanyDetail>(`/companies/${base.id}`, { ...body, version: base.version })
        : await post<CompanyDetail>('/companies', confirmDuplicate ? { ...body, confirmDuplicate: true } : body);
      qc.setQueryData(['companies', saved.id], saved);
      await qc.invalidateQueries({ queryKey: ['companies'], refetchType: 'none' });
      notifications.show({ color: 'green', message: base ? t('saved') : t('created') });
      navigate(`/companies/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'company.duplicate') {
        setBlocking(groupCandidates((err.details.candidates as DuplicateCandidate[] | undefined) ?? []));
      } else if (err instanceof ApiError && err.code === 'company.version_conflict' && base) {
        const latest = await get<CompanyDetail>(`/companies/${base.id}`);
        setConflict({ latest, changes: changedFields(base, latest, [...conflictFields]).map((c) => ({ ...c, label: t(`fields.${c.field}`) })) });
      } else {
        setServerErrors(mapErrors(featureFieldErrors(t, err, 'companies')));
        setFormError(featureErrorMessage(t, err, 'companies'));
      }
    } finally {
      setBusy(false);
    }
  };

  const resolveConflict = (reload: boolean) => {
    if (!conflict) return;
    if (reload) setV(valuesOf(conflict.latest));
    setBase(conflict.latest);
    setConflict(null);
  };

  const text = (field: 'industry' | 'activityType' | 'directorName' | 'directorPosition' | 'website' | 'source', extra: object = {}) => (
    <TextInput label={t(`fields.${field}`)} value={v[field]} error={errors[field]} data-testid={`company-${field}`} onChange={(e) => set(field, e.currentTarget.value)} {...extra} />
  );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={1100}>
        <Title order={2}>{base ? t('editTitle') : t('new')}</Title>
        {conflict && <VersionConflictAlert changes={conflict.changes} onReload={() => resolveConflict(true)} onOverwrite={() => resolveConflict(false)} />}
        <FormError message={conflict ? null : formError} />
        <DuplicatesAlert
          items={duplicates.map((d) => ({ id: d.id, name: d.inn ? `${d.name} (${t('fields.inn')} ${d.inn})` : d.name, reasons: d.reasons.map((r) => t(`duplicateReasons.${r}`)) }))}
          hrefOf={(id) => `/companies/${id}`}
          blocking={!!blocking}
          busy={busy}
          onCreateAnyway={() => void submit(true)}
        />
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.main')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('fields.name')} required autoFocus value={v.name} error={errors.name} data-testid="company-name" onChange={(e) => set('name', e.currentTarget.value)} />
              <LegalFormSelect value={v.legalForm} error={errors.legalForm} onChange={(f) => set('legalForm', f)} />
              <Select
                label={t('fields.status')}
                allowDeselect={false}
                value={v.status}
                data={companyStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
                data-testid="company-status"
                onChange={(s) => s && set('status', s as CompanyStatus)}
              />
              <OwnerSelect value={v.ownerId} valueLabel={initial?.ownerName} error={errors.ownerId} data-testid="company-owner" onChange={(id) => set('ownerId', id)} />
              {text('directorName')}
              {text('directorPosition')}
              {text('industry')}
              {text('activityType')}
            </SimpleGrid>
          </Stack>
        </Paper>
        <RequisitesFields v={v} set={set} errors={errors} onTyping={setTyping} />
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.reach')}</Title>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <PhonesEditor rows={v.phones} onChange={(rows) => set('phones', rows)} errors={errors} testPrefix="company" />
              <EmailsEditor rows={v.emails} onChange={(rows) => set('emails', rows)} errors={errors} testPrefix="company" />
            </SimpleGrid>
            <AddressesEditor rows={v.addresses} onChange={(rows) => set('addresses', rows)} errors={errors} testPrefix="company" />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('website', { placeholder: t('placeholders.website'), type: 'url' })}
              {text('source')}
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.more')}</Title>
            <TagsInput label={t('fields.tags')} placeholder={t('placeholders.tags')} value={v.tags} error={errors.tags} data-testid="company-tags" onChange={(tags) => set('tags', tags)} />
            <CustomFieldInputs entity="company" values={v.custom} onChange={(custom) => set('custom', custom)} errors={errors} testPrefix="company" />
            <Textarea label={t('fields.notes')} autosize minRows={3} value={v.notes} error={errors.notes} data-testid="company-notes" onChange={(e) => set('notes', e.currentTarget.value)} />
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={busy} data-testid="company-save">
            {t('common:actions.save')}
          </Button>
          <Button component={Link} to={base ? `/companies/${base.id}` : '/companies'} variant="default">
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
