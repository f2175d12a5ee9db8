import { Alert, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { featureErrorMessage } from './apiErrors.js';

/** A page that could not load its record (not found, forbidden, offline). */
export function ErrorState({ error, ns, backTo }: { error: unknown; ns: string; backTo?: string }) {
  const { t } = useTranslation(ns);
  return (
    <Stack maw={560} data-testid="error-state">
      <Alert color="red" title={t('common:state.error')}>
        {featureErrorMessage(t, error, ns)}
      </Alert>
      {backTo && (
        <Button component={Link} to={backTo} variant="default" w="fit-content">
          {t('common:actions.back')}
        </Button>
      )}
    </Stack>
  );
}
