import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { get } from '../../../web/api.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import type { Contact } from '../contacts.schema.js';
import { ContactForm } from './ContactForm.js';

/** 'contacts/new' (optionally ?companyId= to link at once) and 'contacts/:id/edit'. */
export function ContactFormPage() {
  const { id } = useParams();
  const [sp] = useSearchParams();
  const companyId = sp.get('companyId');
  const contact = useQuery({ queryKey: ['contacts', id], queryFn: () => get<Contact>(`/contacts/${id}`), enabled: !!id });
  const company = useQuery({
    queryKey: ['companies', companyId],
    queryFn: () => get<{ id: string; name: string }>(`/companies/${companyId}`),
    enabled: !id && !!companyId,
  });
  if (id) {
    if (contact.error) return <ErrorState error={contact.error} ns="contacts" />;
    if (!contact.data) return <PageLoader />;
    return <ContactForm key={id} initial={contact.data} />;
  }
  if (companyId && company.isPending) return <PageLoader />;
  return <ContactForm company={company.data ? { id: company.data.id, name: company.data.name } : null} />;
}
