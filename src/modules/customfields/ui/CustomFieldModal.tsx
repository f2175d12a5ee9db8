import { useState } from 'react';
import { Button, Checkbox, Group, Modal, Select, Stack, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { customFieldTypes, optionTypes, type CustomField, type CustomFieldEntity, type CustomFieldType } from '../customfields.schema.js';
import { patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { keyFromLabel } from './slug.js';

interface Props {
  entity: CustomFieldEntity;
  /** The field to edit, or null to create one at `position`. */
  field: CustomField | null;
  position: number;
  onDone(): Promise<void>;
  onClose(): void;
}

/** Create or edit a custom field. Key and type are fixed after creation (values may exist). */
export function CustomFieldModal({ entity, field, position, onDone, onClose }: Props) {
  const { t } = useTranslation('customFields');
  const [label, setLabel] = useState(field?.label ?? '');
  const [key, setKey] = useState(field?.key ?? '');
  const [keyTouched, setKeyTouched] = useState(!!field);
  const [type, setType] = useState<CustomFieldType>(field?.type ?? 'text');
  const [options, setOptions] = useState<string[]>(field?.options ?? []);
  const [required, setRequired] = useState(field?.required ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const hasOptions = optionTypes.includes(type);
  const clear = (name: string) => setErrors(({ [name]: _, form: __, ...rest }) => rest);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const opts = hasOptions ? options : [];
      if (field) await patch(`/custom-fields/${field.id}`, { label, options: opts, required });
      else await post('/custom-fields', { entity, key, label, type, options: opts, required, position });
      await onDone();
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'customFields');
      const known = ['label', 'key', 'type', 'options', 'required'].some((f) => fields[f]);
      setErrors(known ? fields : { form: featureErrorMessage(t, err, 'customFields') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={field ? t('editTitle', { label: field.label }) : t('newTitle')} size="lg">
      <form onSubmit={submit} data-testid="custom-field-form">
        <Stack>
          <TextInput
            label={t('label')}
            required
            data-autofocus
            data-testid="custom-field-label"
            value={label}
            error={errors.label ?? errors.form}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setLabel(v);
              if (!keyTouched) setKey(keyFromLabel(v));
              clear('label');
            }}
          />
          <TextInput
            label={t('key')}
            description={t('keyHint')}
            required
            readOnly={!!field}
            variant={field ? 'filled' : 'default'}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            data-testid="custom-field-key"
            value={key}
            error={errors.key}
            onChange={(e) => {
              setKey(e.currentTarget.value.toLowerCase());
              setKeyTouched(true);
              clear('key');
            }}
          />
          <Select
            label={t('type')}
            description={field ? t('fixedHint') : undefined}
            allowDeselect={false}
            disabled={!!field}
            data-testid="custom-field-type"
            value={type}
            error={errors.type}
            data={customFieldTypes.map((ty) => ({ value: ty, label: t(`types.${ty}`) }))}
            onChange={(v) => {
              if (v) setType(v as CustomFieldType);
              clear('options');
            }}
          />
          {hasOptions && (
            <TagsInput
              label={t('options')}
              description={t('optionsHint')}
              required
              data-testid="custom-field-options"
              value={options}
              error={errors.options}
              onChange={(v) => {
                setOptions(v);
                clear('options');
              }}
            />
          )}
          <Checkbox
            label={t('required')}
            description={t('requiredHint')}
            data-testid="custom-field-required"
            checked={required}
            onChange={(e) => setRequired(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!label.trim() || !key || (hasOptions && options.length === 0)} data-testid="custom-field-submit">
              {field ? t('common:actions.save') : t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
