import { NativeSelect, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RoleDto } from '../roles.schema.js';

export type Permissions = RoleDto['permissions'];
type Resource = keyof Permissions;
type Actions = NonNullable<Permissions[Resource]>;
type Action = keyof Actions;
type Scope = NonNullable<Actions[Action]>;

export interface Catalog {
  resources: Resource[];
  actions: Action[];
  scopes: Scope[];
}

/** Every resource × action of the catalog with its scope ('none' where unset), in catalog order. */
export function fullMatrix(p: Permissions, catalog: Catalog): Permissions {
  return Object.fromEntries(catalog.resources.map((r) => [r, Object.fromEntries(catalog.actions.map((a) => [a, p[r]?.[a] ?? 'none']))]));
}

const MIXED = 'mixed';
const scopeColor: Record<string, string | undefined> = { none: 'var(--mantine-color-dimmed)', all: 'var(--mantine-primary-color-filled)' };

interface Props {
  catalog: Catalog;
  value: Permissions;
  onChange(next: Permissions): void;
  disabled?: boolean;
}

/** Resources × actions, each cell the record scope (none / own / department / all); a row-wide select sets every action. */
export function PermissionMatrix({ catalog, value, onChange, disabled }: Props) {
  const { t } = useTranslation('roles');
  const scopeOf = (r: Resource, a: Action): Scope => value[r]?.[a] ?? 'none';
  const set = (r: Resource, actions: Action[], scope: Scope) =>
    onChange({ ...value, [r]: { ...value[r], ...Object.fromEntries(actions.map((a) => [a, scope])) } });
  const options = catalog.scopes.map((s) => ({ value: s, label: t(`scopes.${s}`) }));

  return (
    <Table.ScrollContainer minWidth={980}>
      <Table withTableBorder withColumnBorders verticalSpacing={4} data-testid="permission-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('resource')}</Table.Th>
            <Table.Th>{t('allActions')}</Table.Th>
            {catalog.actions.map((a) => (
              <Table.Th key={a}>{t(`actions.${a}`, { defaultValue: a })}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {catalog.resources.map((r) => {
            const scopes = new Set(catalog.actions.map((a) => scopeOf(r, a)));
            const row = scopes.size === 1 ? [...scopes][0]! : MIXED;
            return (
              <Table.Tr key={r}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t(`resources.${r}`, { defaultValue: r })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    miw={112}
                    aria-label={`${t(`resources.${r}`, { defaultValue: r })}: ${t('allActions')}`}
                    data-testid={`perm-${r}-all`}
                    disabled={disabled}
                    value={row}
                    data={row === MIXED ? [{ value: MIXED, label: t('mixed'), disabled: true }, ...options] : options}
                    onChange={(e) => set(r, catalog.actions, e.currentTarget.value as Scope)}
                  />
                </Table.Td>
                {catalog.actions.map((a) => {
                  const s = scopeOf(r, a);
                  return (
                    <Table.Td key={a}>
                      <Tooltip label={t(`scopeHints.${s}`)} openDelay={600} withinPortal>
                        <NativeSelect
                          size="xs"
                          miw={104}
                          aria-label={`${t(`resources.${r}`, { defaultValue: r })}: ${t(`actions.${a}`, { defaultValue: a })}`}
                          data-testid={`perm-${r}-${a}`}
                          disabled={disabled}
                          value={s}
                          data={options}
                          styles={{ input: { color: scopeColor[s], fontWeight: s === 'all' ? 600 : undefined } }}
                          onChange={(e) => set(r, [a], e.currentTarget.value as Scope)}
                        />
                      </Tooltip>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
