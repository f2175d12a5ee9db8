import { AppShell, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton, Avatar } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '../modules/reminders/ui/NotificationBell.js';
import { useAuth } from './auth.js';
import { navItems } from './routes.js';

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { t } = useTranslation();
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const items = navItems.filter((n) => (!n.resource || can(n.resource, 'read')) && (!n.visible || n.visible(can)));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.menu')} />
            <Text fw={700} size="lg" c="var(--mantine-primary-color-filled)">
              {t('appName')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="user-menu">
                  <Group gap="xs">
                    <Avatar size="sm" color="var(--mantine-primary-color-filled)">
                      {me?.name.slice(0, 1).toUpperCase()}
                    </Avatar>
                    <Text size="sm" visibleFrom="xs">
                      {me?.name}
                    </Text>
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/settings">
                  {t('nav.settings')}
                </Menu.Item>
                <Menu.Item component="a" href="/api/docs" target="_blank">
                  {t('nav.apiDocs')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  onClick={async () => {
                    await logout();
                    navigate('/');
                  }}
                >
                  {t('actions.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <ScrollArea>
          {items.map((n) => (
            <NavLink
              key={n.to}
              component={Link}
              to={n.to}
              label={t(n.label)}
              active={location.pathname === n.to || location.pathname.startsWith(`${n.to}/`)}
              onClick={close}
            />
          ))}
          <NavLink component={Link} to="/settings" label={t('nav.settings')} active={location.pathname === '/settings'} onClick={close} />
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
