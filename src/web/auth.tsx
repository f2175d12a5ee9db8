import { createContext, useContext, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../modules/users/auth.schema.js';
import { ApiError, get, post, setCsrfToken } from './api.js';
import { setLocale } from './i18n/index.js';

interface AuthState {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<void>;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Whether the signed-in user's role allows the action on the resource at any scope. */
  can(resource: string, action: string): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await get<Me>('/auth/me');
        setCsrfToken(me.csrfToken);
        void setLocale(me.locale);
        return me;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: Infinity,
    retry: false,
  });

  const state: AuthState = {
    me: q.data ?? null,
    loading: q.isPending,
    refresh: async () => {
      await qc.invalidateQueries({ queryKey: ['me'] });
    },
    login: async (email, password) => {
      const me = await post<Me>('/auth/login', { email, password });
      setCsrfToken(me.csrfToken);
      await setLocale(me.locale);
      qc.setQueryData(['me'], me);
    },
    logout: async () => {
      await post('/auth/logout');
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(['me'], null);
    },
    can: (resource, action) => {
      const scope = q.data?.permissions[resource]?.[action];
      return !!scope && scope !== 'none';
    },
  };
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
