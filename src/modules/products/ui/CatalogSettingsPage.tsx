import { Anchor, Breadcrumbs, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import { useBaseCurrency } from './catalog.js';
import { ExchangeRatesPanel } from './ExchangeRatesPanel.js';
import { PriceTypesPanel } from './PriceTypesPanel.js';
import { UnitsPanel } from './UnitsPanel.js';

const tabs = ['price-types', 'units', 'rates'] as const;

/** Catalog settings: price types, units of measure, base currency and exchange rates (one tab each, /catalog/settings/<tab>). */
export function CatalogSettingsPage() {
  const { t } = useTranslation('products');
  const navigate = useNavigate();
  const { tab: param = '' } = useParams();
  const tab = (tabs as readonly string[]).includes(param) ? param : tabs[0];
  const base = useBaseCurrency();
  if (base.error) return <ErrorState error={base.error} ns="products" backTo="/catalog" />;
  if (!base.data) return <PageLoader />;
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog" size="sm">
          {t('title')}
        </Anchor>
        <Text size="sm">{t('settings.title')}</Text>
      </Breadcrumbs>
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/catalog/settings/${v}`)} keepMounted={false}>
        <Tabs.List>
          {tabs.map((k) => (
            <Tabs.Tab key={k} value={k} data-testid={`catalog-tab-${k}`}>
              {t(`settings.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="price-types" pt="md">
          <PriceTypesPanel baseCurrency={base.data} />
        </Tabs.Panel>
        <Tabs.Panel value="units" pt="md">
          <UnitsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="rates" pt="md">
          <ExchangeRatesPanel baseCurrency={base.data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
