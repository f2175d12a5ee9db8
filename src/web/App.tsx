import { Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth.js';
import { Layout } from './Layout.js';
import { LoginPage } from './LoginPage.js';
import { SettingsPage } from './SettingsPage.js';
import { routes } from './routes.js';

export function App() {
  const { me, loading } = useAuth();
  const theme = createTheme({ primaryColor: me?.accentColor ?? 'blue', defaultRadius: 'md' });
  const scheme = me?.theme === 'dark' ? 'dark' : me?.theme === 'auto' ? 'auto' : 'light';
  return (
    <MantineProvider theme={theme} forceColorScheme={scheme === 'auto' ? undefined : scheme} defaultColorScheme={scheme}>
      <Notifications position="top-right" />
      {loading ? (
        <Center h="100vh">
          <Loader />
        </Center>
      ) : (
        <BrowserRouter>
          {me ? (
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<Navigate to={routes[0]?.path ?? '/settings'} replace />} />
                {routes.map((r) => (
                  <Route key={r.path} path={r.path} element={r.element} />
                ))}
                <Route path="settings" element={<SettingsPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          ) : (
            <Routes>
              <Route path="*" element={<LoginPage />} />
            </Routes>
          )}
        </BrowserRouter>
      )}
    </MantineProvider>
  );
}
