import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { EmptyState } from '../../../web/components/ListControls.js';
import { analyticsSections } from './sections.js';

/** The analytics area: one tab per section the user may see, each section a page of its own module. */
export function AnalyticsPage() {
  const { t } = useTranslation('analytics');
  const { can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const visible = analyticsSections.filter((s) => can(s.resource, s.action ?? 'read'));
  const current = location.pathname.split('/')[2] ?? '';
  const first = visible[0];

  return (
    <Stack gap="sm">
      <Title order={2}>{t('title')}</Title>
      {first ? (
        <>
          <Tabs value={current} onChange={(v) => v && navigate(`/analytics/${v}`)}>
            <Tabs.List>
              {visible.map((s) => (
                <Tabs.Tab key={s.path} value={s.path}>
                  {t(s.label)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <Routes>
            {visible.map((s) => (
              <Route key={s.path} path={`${s.path}/*`} element={s.element} />
            ))}
            <Route path="*" element={<Navigate to={`/analytics/${first.path}`} replace />} />
          </Routes>
        </>
      ) : (
        <EmptyState title={t('nothing')} />
      )}
    </Stack>
  );
}
