import { Select, SimpleGrid, Stack, TagsInput, TextInput, Title, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { legalForms } from '../../../shared/legal-forms.js';
import type { CompanyValues } from './companyForm.js';
import type { TaxField } from './taxChecks.js';

interface Props {
  v: CompanyValues;
  set<K extends keyof CompanyValues>(k: K, value: CompanyValues[K]): void;
  /** server errors and live tax-id problems, already translated */
  errors: Record<string, string>;
  /** the tax-id field that has focus (its "too short" is not reported yet) */
  onTyping(field: TaxField | null): void;
}

/** Legal form options grouped by country; labels in the user's language where the form has one. */
export function useLegalFormOptions() {
  const { t, i18n } = useTranslation('companies');
  return (['RU', 'BG'] as const).map((country) => ({
    group: t(`countries.${country}`),
    items: legalForms
      .filter((f) => f.country === country)
      .map((f) => ({
        value: f.abbr,
        label: `${f.abbr}${f.latin && i18n.language === 'en' ? ` (${f.latin})` : ''} — ${i18n.language === 'en' ? f.nameEn : f.name}`,
      })),
  }));
}

/** Russian and Bulgarian requisites with live check-digit validation; the section of the company's country comes first. */
export function RequisitesFields({ v, set, errors, onTyping }: Props) {
  const { t } = useTranslation('companies');
  const taxInput = (field: TaxField, maxLength: number) => (
    <TextInput
      label={t(`fields.${field}`)}
      value={v[field]}
      error={errors[field]}
      maxLength={maxLength}
      inputMode={field === 'vatNumber' || field === 'kpp' ? 'text' : 'numeric'}
      autoComplete="off"
      data-testid={`company-${field}`}
      onFocus={() => onTyping(field)}
      onBlur={() => onTyping(null)}
      onChange={(e) => set(field, e.currentTarget.value)}
    />
  );
  const ru = (
    <Paper withBorder p="md" key="ru">
      <Stack>
        <Title order={4}>{t('sections.requisitesRu')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          {taxInput('inn', 20)}
          {taxInput('kpp', 15)}
          {taxInput('ogrn', 25)}
          {taxInput('okpo', 15)}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.okvedMain')} placeholder="62.01" value={v.okvedMain} error={errors.okvedMain} data-testid="company-okvedMain" onChange={(e) => set('okvedMain', e.currentTarget.value)} />
          <TagsInput
            label={t('fields.okvedExtra')}
            placeholder={t('placeholders.okvedExtra')}
            value={v.okvedExtra}
            error={errors.okvedExtra}
            splitChars={[',', ' ', ';']}
            data-testid="company-okvedExtra"
            onChange={(codes) => set('okvedExtra', codes)}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
  const bg = (
    <Paper withBorder p="md" key="bg">
      <Stack>
        <Title order={4}>{t('sections.requisitesBg')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          {taxInput('eik', 20)}
          {taxInput('vatNumber', 20)}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
  const bgFirst = legalForms.find((f) => f.abbr === v.legalForm)?.country === 'BG';
  return <>{bgFirst ? [bg, ru] : [ru, bg]}</>;
}

export function LegalFormSelect({ value, onChange, error }: { value: string | null; onChange(v: string | null): void; error?: string }) {
  const { t } = useTranslation('companies');
  const options = useLegalFormOptions();
  return (
    <Select
      label={t('fields.legalForm')}
      placeholder={t('placeholders.legalForm')}
      searchable
      clearable
      data={options}
      value={value}
      error={error}
      data-testid="company-legalForm"
      nothingFoundMessage={t('common:state.noResults')}
      onChange={onChange}
    />
  );
}
