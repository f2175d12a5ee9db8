import { z } from 'zod';

export const locales = ['en', 'ru', 'bg'] as const;
export const themes = ['light', 'dark', 'auto'] as const;
export const accentColors = ['blue', 'teal', 'green', 'grape', 'violet', 'orange', 'red', 'pink', 'cyan', 'indigo'] as const;

export const loginRequest = z.strictObject({
  email: z.email({ message: 'must be an e-mail address' }).max(254),
  password: z.string().min(1, 'is required').max(200),
});

export const meResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  departmentId: z.string().nullable(),
  locale: z.enum(locales),
  theme: z.enum(themes),
  accentColor: z.enum(accentColors),
  timeZone: z.string(),
  permissions: z.record(z.string(), z.record(z.string(), z.string())),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meResponse>;

export const updateMyPreferences = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200).optional(),
  locale: z.enum(locales).optional(),
  theme: z.enum(themes).optional(),
  accentColor: z.enum(accentColors).optional(),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'is not a known time zone')
    .optional(),
});

export const passwordRule = z.string().min(8, 'must be at least 8 characters').max(200);

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1, 'is required'),
  newPassword: passwordRule,
});
