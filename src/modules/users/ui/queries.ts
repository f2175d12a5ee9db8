import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { get } from '../../../web/api.js';
import type { DepartmentDto } from '../../departments/departments.schema.js';
import type { RoleDto } from '../../roles/roles.schema.js';
import { treeOptions } from '../../../shared/tree.js';

/** Query keys the admin screens share, so one screen's change refreshes the others. */
export const adminKeys = {
  users: ['admin', 'users'] as const,
  roles: ['admin', 'roles'] as const,
  departments: ['admin', 'departments'] as const,
  audit: ['admin', 'audit'] as const,
};

export function useRoles(enabled = true) {
  return useQuery({ queryKey: adminKeys.roles, queryFn: async () => (await get<{ items: RoleDto[] }>('/roles')).items, enabled });
}

export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: adminKeys.departments,
    queryFn: async () => (await get<{ items: DepartmentDto[] }>('/departments')).items,
    enabled,
  });
}

/** A role's name in the UI language: shipped roles under their English name are translated, renamed or custom ones are shown as typed. */
export function roleLabel(t: TFunction, key: string, name: string): string {
  const shipped = t(`roles:names.${key}`, { lng: 'en', defaultValue: '' });
  return shipped && shipped === name ? t(`roles:names.${key}`) : name;
}

/** Select options for departments in tree order, each labelled with its path. */
export const departmentOptions = (list: DepartmentDto[] = []) => treeOptions(list, (d) => d.name);
