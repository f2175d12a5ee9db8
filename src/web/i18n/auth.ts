/** Login and personal settings. */
export const auth = {
  en: {
    title: 'Sign in to Voronka', email: 'E-mail', password: 'Password', submit: 'Sign in',
    settings: {
      title: 'My settings', profile: 'Profile', name: 'Name', appearance: 'Appearance', theme: 'Theme', accent: 'Accent colour',
      themes: { light: 'Light', dark: 'Dark', auto: 'As the system' }, timeZone: 'Time zone',
      passwordTitle: 'Change password', currentPassword: 'Current password', newPassword: 'New password', passwordChanged: 'Password changed',
    },
    errors: { 'auth.wrong_password': 'The current password is wrong', 'validation.too_small': 'Too short' },
  },
  ru: {
    title: 'Вход в Воронку', email: 'E-mail', password: 'Пароль', submit: 'Войти',
    settings: {
      title: 'Мои настройки', profile: 'Профиль', name: 'Имя', appearance: 'Оформление', theme: 'Тема', accent: 'Акцентный цвет',
      themes: { light: 'Светлая', dark: 'Тёмная', auto: 'Как в системе' }, timeZone: 'Часовой пояс',
      passwordTitle: 'Смена пароля', currentPassword: 'Текущий пароль', newPassword: 'Новый пароль', passwordChanged: 'Пароль изменён',
    },
    errors: { 'auth.wrong_password': 'Текущий пароль неверен', 'validation.too_small': 'Слишком коротко' },
  },
  bg: {
    title: 'Вход във Воронка', email: 'Имейл', password: 'Парола', submit: 'Вход',
    settings: {
      title: 'Моите настройки', profile: 'Профил', name: 'Име', appearance: 'Външен вид', theme: 'Тема', accent: 'Акцентен цвят',
      themes: { light: 'Светла', dark: 'Тъмна', auto: 'Като системата' }, timeZone: 'Часова зона',
      passwordTitle: 'Смяна на парола', currentPassword: 'Текуща парола', newPassword: 'Нова парола', passwordChanged: 'Паролата е сменена',
    },
    errors: { 'auth.wrong_password': 'Текущата парола е грешна', 'validation.too_small': 'Твърде кратко' },
  },
};
