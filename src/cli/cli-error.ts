/** A command failed for a reason the user can fix; the CLI prints only the message. */
export class CliError extends Error {}
