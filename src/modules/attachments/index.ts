export { registerAttachmentRoutes } from './attachments.routes.js';
export { detachAttachments, moveAttachments } from './attachments.repository.js';
export { contentDisposition, removeStoredFiles } from './attachments.storage.js';
export type { Attachment, AttachmentEntity } from './attachments.schema.js';
