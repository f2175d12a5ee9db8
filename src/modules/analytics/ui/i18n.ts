/** The analytics area's frame: its name and the empty state; each section has its own namespace. */
export const analytics = {
  en: { nav: 'Analytics', title: 'Analytics', nothing: 'Your role gives access to no reports.' },
  ru: { nav: 'Аналитика', title: 'Аналитика', nothing: 'Ваша роль не даёт доступа к отчётам.' },
  bg: { nav: 'Анализи', title: 'Анализи', nothing: 'Вашата роля не дава достъп до отчети.' },
};
