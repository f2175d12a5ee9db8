import { useState } from 'react';
import { Button, Group, Paper, SimpleGrid, Stack, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, get, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { EmailsEditor, PhonesEditor } from '../../../web/components/ContactPointsEditor.js';
import { CustomFieldInputs } from '../../../web/components/CustomFields.js';
import { DuplicatesAlert, FormError, VersionConflictAlert, type ConflictChange } from '../../../web/components/FormAlerts.js';
import { changedFields } from '../../../web/components/formRows.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import type { Contact, DuplicateCandidate } from '../contacts.schema.js';
import { conflictFields, emptyContact, requestOf, valuesOf, type ContactValues } from './contactForm.js';
import { useContactDuplicates } from './useContactDuplicates.js';

interface CompanyRef {
  id: string;
  name: string;
}

/** Create or edit a contact. Enter in a text field saves. */
export function ContactForm({ initial, company = null }: { initial?: Contact; company?: CompanyRef | null }) {
  const { t } = useTranslation('contacts');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [base, setBase] = useState(initial);
  const { me } = useAuth();
  const [v, setV] = useState<ContactValues>(initial ? valuesOf(initial) : { ...emptyContact, ownerId: me?.id ?? null });
  const [link, setLink] = useState<CompanyRef | null>(company);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [blocking, setBlocking] = useState<DuplicateCandidate[] | null>(null);
  const [conflict, setConflict] = useState<{ changes: ConflictChange[]; latest: Contact } | null>(null);
  const [busy, setBusy] = useState(false);
  const typed = useContactDuplicates(v, link?.id ?? null, !initial);
  const duplicates = blocking ?? typed;

  const set = <K extends keyof ContactValues>(k: K, value: ContactValues[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors(({ [k]: _, ...rest }) => rest);
  };

  const submit = async (confirmDuplicate = false) => {
    if (!v.firstName.trim()) {
      setErrors({ firstName: t('ui:errors.validation.required') });
      return;
    }
    const { body, mapErrors } = requestOf(v);
    setBusy(true);
    setFormError(null);
    setErrors({});
    try {
      const saved = base
        ? await patch<Contact>(`/contacts/${base.id}`, { ...body, version: base.version })
        : await post<Contact>('/contacts', {
            ...body,
            ...(link ? { companies: [{ companyId: link.id, isPrimary: false }] } : {}),
            ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
          });
      qc.setQueryData(['contacts', saved.id], saved);
      await qc.invalidateQueries({ queryKey: ['contacts'], refetchType: 'none' });
      if (link) await qc.invalidateQueries({ queryKey: ['companies', link.id] });
      notifications.show({ color: 'green', message: base ? t('saved') : t('created') });
      navigate(`/contacts/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'contact.duplicate') {
        setBlocking((err.details.candidates as DuplicateCandidate[] | undefined) ?? []);
      } else if (err instanceof ApiError && err.code === 'contact.version_conflict' && base) {
        const latest = await get<Contact>(`/contacts/${base.id}`);
        const changes = changedFields(base, latest, [...conflictFields]).map((c) => ({ ...c, label: t(`fields.${c.field}`) }));
        setConflict({ changes, latest });
      } else {
        setErrors(mapErrors(featureFieldErrors(t, err, 'contacts')));
        setFormError(featureErrorMessage(t, err, 'contacts'));
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

  const cancelTo = base ? `/contacts/${base.id}` : link ? `/companies/${link.id}` : '/contacts';
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={960}>
        <Title order={2}>{base ? t('editTitle') : t('new')}</Title>
        {conflict && <VersionConflictAlert changes={conflict.changes} onReload={() => resolveConflict(true)} onOverwrite={() => resolveConflict(false)} />}
        <FormError message={conflict ? null : formError} />
        <DuplicatesAlert
          items={duplicates.map((d) => ({ id: d.id, name: d.ownerName ? `${d.fullName} (${d.ownerName})` : d.fullName, reasons: d.matches.map((m) => t(`duplicateReasons.${m}`)) }))}
          hrefOf={(id) => `/contacts/${id}`}
          blocking={!!blocking}
          busy={busy}
          onCreateAnyway={() => void submit(true)}
        />
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.about')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('fields.firstName')} required data-autofocus autoFocus value={v.firstName} error={errors.firstName} data-testid="contact-firstName" onChange={(e) => set('firstName', e.currentTarget.value)} />
              <TextInput label={t('fields.middleName')} value={v.middleName} error={errors.middleName} data-testid="contact-middleName" onChange={(e) => set('middleName', e.currentTarget.value)} />
              <TextInput label={t('fields.lastName')} value={v.lastName} error={errors.lastName} data-testid="contact-lastName" onChange={(e) => set('lastName', e.currentTarget.value)} />
              <TextInput label={t('fields.position')} value={v.position} error={errors.position} data-testid="contact-position" onChange={(e) => set('position', e.currentTarget.value)} />
              <TextInput label={t('fields.birthday')} type="date" value={v.birthday} error={errors.birthday} data-testid="contact-birthday" onChange={(e) => set('birthday', e.currentTarget.value)} />
              <OwnerSelect value={v.ownerId} valueLabel={initial?.ownerName} error={errors.ownerId} data-testid="contact-owner" onChange={(id) => set('ownerId', id)} />
            </SimpleGrid>
            {!base && (
              <RecordPicker<CompanyRef>
                path="/companies"
                label={t('fields.company')}
                describe={(c) => c.name}
                initial={company}
                error={errors['companies.0.companyId']}
                data-testid="contact-company"
                onPick={setLink}
              />
            )}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.reach')}</Title>
            <PhonesEditor rows={v.phones} onChange={(rows) => set('phones', rows)} errors={errors} testPrefix="contact" />
            <EmailsEditor rows={v.emails} onChange={(rows) => set('emails', rows)} errors={errors} testPrefix="contact" />
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.more')}</Title>
            <TagsInput label={t('fields.tags')} placeholder={t('tagsPlaceholder')} value={v.tags} error={errors.tags} data-testid="contact-tags" onChange={(tags) => set('tags', tags)} />
            <CustomFieldInputs entity="contact" values={v.custom} onChange={(custom) => set('custom', custom)} errors={errors} testPrefix="contact" />
            <Textarea label={t('fields.notes')} autosize minRows={3} value={v.notes} error={errors.notes} data-testid="contact-notes" onChange={(e) => set('notes', e.currentTarget.value)} />
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={busy} data-testid="contact-save">
            {t('common:actions.save')}
          </Button>
          <Button component={Link} to={cancelTo} variant="default">
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
