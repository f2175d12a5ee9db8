import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProductKind } from '../products.schema.js';

const colors: Record<ProductKind, string> = { product: 'blue', service: 'teal', bundle: 'grape' };

export function KindBadge({ kind }: { kind: ProductKind }) {
  const { t } = useTranslation('products');
  return (
    <Badge variant="light" color={colors[kind]} style={{ flexShrink: 0, overflow: 'visible' }}>
      {t(`kinds.${kind}`)}
    </Badge>
  );
}
