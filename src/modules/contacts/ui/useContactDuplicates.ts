import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../web/api.js';
import type { DuplicateCandidate } from '../contacts.schema.js';
import type { ContactValues } from './contactForm.js';

/** Existing contacts that look like the one being typed (same phone, e-mail, or name at the company). */
export function useContactDuplicates(v: ContactValues, companyId: string | null, enabled: boolean) {
  const name = [v.firstName, v.middleName, v.lastName].map((s) => s.trim()).filter(Boolean).join(' ');
  const phone = v.phones.map((p) => p.raw.trim()).find((p) => p.replace(/\D/g, '').length >= 6);
  const email = v.emails.map((e) => e.email.trim()).find((e) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e));
  const probe = { name: companyId && name.length >= 3 ? name : undefined, companyId: companyId ?? undefined, phone, email };
  const [key] = useDebouncedValue(JSON.stringify(probe), 500);
  const debounced = JSON.parse(key) as typeof probe;
  const any = !!(debounced.name || debounced.phone || debounced.email);
  const q = useQuery({
    queryKey: ['contacts', 'duplicates', key],
    queryFn: () => get<{ candidates: DuplicateCandidate[] }>('/contacts/duplicates', debounced),
    enabled: enabled && any,
    staleTime: 30_000,
  });
  return enabled && any ? (q.data?.candidates ?? []) : [];
}
