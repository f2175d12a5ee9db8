import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { findLegalForm } from '../../../shared/legal-forms.js';
import { FieldRow, Section } from '../../../web/components/CardParts.js';
import type { CompanyDetail } from '../companies.schema.js';

const mono = { fontFamily: 'var(--mantine-font-family-monospace)' };

/** Legal form, tax ids, OKVED codes and the director. */
export function CompanyRequisites({ company: c }: { company: CompanyDetail }) {
  const { t, i18n } = useTranslation('companies');
  const form = c.legalForm ? findLegalForm(c.legalForm) : undefined;
  const formName = form ? (i18n.language === 'en' ? form.nameEn : form.name) : null;
  const ids = (['inn', 'kpp', 'ogrn', 'okpo', 'eik', 'vatNumber'] as const).filter((f) => c[f]);
  return (
    <Section title={t('card.requisites')} testId="company-requisites">
      <FieldRow label={t('fields.legalForm')}>{formName && `${c.legalForm} — ${formName}`}</FieldRow>
      {ids.map((f) => (
        <FieldRow key={f} label={t(`fields.${f}`)} testId={`company-view-${f}`}>
          <span style={mono}>{c[f]}</span>
        </FieldRow>
      ))}
      <FieldRow label={t('fields.okvedMain')}>{c.okvedMain && <span style={mono}>{c.okvedMain}</span>}</FieldRow>
      <FieldRow label={t('fields.okvedExtra')}>{c.okvedExtra.length > 0 && <span style={mono}>{c.okvedExtra.join(', ')}</span>}</FieldRow>
      <FieldRow label={t('card.director')}>
        {c.directorName && (
          <Stack gap={0}>
            <Text size="sm">{c.directorName}</Text>
            {c.directorPosition && (
              <Text size="xs" c="dimmed">
                {c.directorPosition}
              </Text>
            )}
          </Stack>
        )}
      </FieldRow>
      <FieldRow label={t('fields.industry')}>{c.industry}</FieldRow>
      <FieldRow label={t('fields.activityType')}>{c.activityType}</FieldRow>
      {!formName && !ids.length && !c.okvedMain && !c.directorName && !c.industry && !c.activityType && (
        <Text size="sm" c="dimmed">
          {t('ui:none')}
        </Text>
      )}
    </Section>
  );
}

/** A website as a link that opens in a new tab (scheme added when typed without one). */
export function Website({ url }: { url: string | null }) {
  if (!url) return null;
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      {url}
    </Anchor>
  );
}
