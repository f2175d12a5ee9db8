import type { ReactNode } from 'react';
import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate, useParams } from 'react-router';
import { CustomFieldsPanel } from '../modules/customfields/ui/CustomFieldsPanel.js';
import { DepartmentsPanel } from '../modules/departments/ui/DepartmentsPanel.js';
import { PipelinesPanel } from '../modules/pipelines/ui/PipelinesPanel.js';
import { RolesPanel } from '../modules/roles/ui/RolesPanel.js';
import { WorkCalendarPanel } from '../modules/schedule/ui/WorkCalendarPanel.js';
import { AuditPanel } from '../modules/users/ui/AuditPanel.js';
import { UsersPanel } from '../modules/users/ui/UsersPanel.js';
import { useAuth } from './auth.js';

type Can = (resource: string, action: string) => boolean;

/** Who sees the administration area: may read users and may manage users or roles. */
export const isAdministrator = (can: Can) => can('user', 'read') && (can('role', 'update') || can('user', 'create'));

const sections: { path: string; label: string; resource: string; element: ReactNode }[] = [
  { path: 'users', label: 'tabs.users', resource: 'user', element: <UsersPanel /> },
  { path: 'departments', label: 'tabs.departments', resource: 'department', element: <DepartmentsPanel /> },
  { path: 'roles', label: 'tabs.roles', resource: 'role', element: <RolesPanel /> },
  { path: 'pipelines', label: 'pipelines:tab', resource: 'pipeline', element: <PipelinesPanel /> },
  { path: 'calendar', label: 'schedule:holidays.tab', resource: 'settings', element: <WorkCalendarPanel /> },
  { path: 'custom-fields', label: 'tabs.customFields', resource: 'custom_field', element: <CustomFieldsPanel /> },
  { path: 'audit', label: 'tabs.audit', resource: 'audit', element: <AuditPanel /> },
];

/** The administration area: one tab (and URL, /admin/<section>) per screen. */
export function AdminPage() {
  const { t } = useTranslation('admin');
  const { can } = useAuth();
  const navigate = useNavigate();
  const current = (useParams()['*'] ?? '').split('/')[0];
  const visible = sections.filter((s) => can(s.resource, 'read'));

  if (!isAdministrator(can)) return <Alert color="yellow">{t('noAccess')}</Alert>;
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Tabs value={current || visible[0]?.path} onChange={(v) => v && navigate(`/admin/${v}`)} keepMounted={false}>
        <Tabs.List>
          {visible.map((s) => (
            <Tabs.Tab key={s.path} value={s.path} data-testid={`admin-tab-${s.path}`}>
              {t(s.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<Navigate to={visible[0]?.path ?? '/'} replace />} />
        {visible.map((s) => (
          <Route key={s.path} path={s.path} element={s.element} />
        ))}
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </Stack>
  );
}
