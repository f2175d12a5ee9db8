import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Fail fast on a dead server instead of nodemailer's minutes-long defaults; the URL's own query wins. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends e-mail through the SMTP server of `SMTP_URL` (smtp://user:pass@host:587, smtps://...:465, options as query). */
export function createMailer(smtpUrl: string, from: string): Mailer {
  const url = new URL(smtpUrl);
  for (const [k, v] of Object.entries(TIMEOUTS)) if (!url.searchParams.has(k)) url.searchParams.set(k, String(v));
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
    close: () => transport.close(),
  };
}
