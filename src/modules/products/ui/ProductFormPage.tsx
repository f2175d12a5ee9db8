import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { get } from '../../../web/api.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { Product } from '../products.schema.js';
import { productsKey, useBaseCurrency, usePriceTypes } from './catalog.js';
import { ProductForm } from './ProductForm.js';

/** 'catalog/new' (?groupId= preselects the group) and 'catalog/:id/edit'. */
export function ProductFormPage() {
  const { id } = useParams();
  const [sp] = useSearchParams();
  const product = useQuery({ queryKey: [...productsKey, id], queryFn: () => get<Product>(`/products/${id}`), enabled: !!id });
  const baseCurrency = useBaseCurrency();
  const types = usePriceTypes();
  const error = product.error ?? baseCurrency.error ?? types.error;
  if (error) return <ErrorState error={error} ns="products" backTo="/catalog" />;
  if (!baseCurrency.data || !types.data || (id && !product.data)) return <PageLoader />;
  return <ProductForm key={id ?? 'new'} initial={product.data} baseCurrency={baseCurrency.data} groupId={sp.get('groupId')} />;
}
