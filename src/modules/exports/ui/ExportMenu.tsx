import { Button, Menu } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { downloadUrl } from '../../../web/api.js';

/** "Export" with a choice of CSV or Excel; the list's current filters go along. */
export function ExportMenu({ path, params, testId }: { path: string; params: Record<string, string | undefined>; testId: string }) {
  const { t } = useTranslation('imports');
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" data-testid={testId}>
          {t('common:actions.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(['csv', 'xlsx'] as const).map((format) => (
          <Menu.Item key={format} component="a" href={downloadUrl(path, { ...params, format })} data-testid={`${testId}-${format}`}>
            {t(`export.${format}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
