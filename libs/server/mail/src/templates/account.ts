import { AccountInvitationInput, PasswordResetInput } from '../compose-input';
import { formatInstant } from '../format';
import { button, paragraph } from '../layout';
import { Draft, durationInWords, greeting, readerZone } from './shared';

export function accountInvitation(input: AccountInvitationInput): Draft {
  const { recipient, invitedByName, programmeName } = input;
  const who = invitedByName ?? 'The Roundtable team';
  const expires = formatInstant(input.expiresAt, readerZone(recipient));
  return {
    subject: invitedByName
      ? `${invitedByName} invited you to ${programmeName} on Roundtable`
      : `You're invited to ${programmeName} on Roundtable`,
    heading: `You're invited to ${programmeName}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(`${who} has invited you to join ${programmeName} on Roundtable as ${roleText(input)}.`),
      paragraph(ROLE_INTRO[input.role]),
      paragraph('To accept, choose a password for your account:'),
      button('Set your password', input.setPasswordUrl, true),
      paragraph(
        `The link works once and expires on ${expires} (in ${durationInWords(input.expiresAt.getTime() - input.now.getTime())}). ` +
          `After that, ask ${invitedByName ?? 'whoever invited you'} to send a new invitation.`,
      ),
    ],
    reason:
      `You receive this because ${who} invited ${recipient.email} to Roundtable. ` +
      'If you were not expecting it, ignore this email: no account is made unless the link is followed.',
  };
}

export function passwordReset(input: PasswordResetInput): Draft {
  const { recipient } = input;
  const expires = formatInstant(input.expiresAt, readerZone(recipient));
  return {
    subject: 'Reset your Roundtable password',
    heading: 'Reset your password',
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(`Someone asked to reset the password of the Roundtable account for ${recipient.email}. To choose a new one:`),
      button('Choose a new password', input.resetUrl, true),
      paragraph(
        `The link works once, and only until ${expires} (${durationInWords(input.expiresAt.getTime() - input.now.getTime())} from when it was sent).`,
      ),
      paragraph('If you did not ask for this, ignore this email: your password stays as it is.'),
    ],
    reason: 'This is a security message about your Roundtable account; it is sent whatever your email preferences.',
  };
}

function roleText(input: AccountInvitationInput): string {
  switch (input.role) {
    case 'programme_manager':
      return 'a programme manager';
    case 'facilitator':
      return input.groupName ? `the facilitator of ${input.groupName}` : 'a facilitator';
    case 'member':
      return input.firmName ? `a member for ${input.firmName}` : 'a member';
  }
}

const ROLE_INTRO: Record<AccountInvitationInput['role'], string> = {
  programme_manager:
    'Roundtable runs facilitated peer groups of firms: you will create groups, assign facilitators and follow participation and impact.',
  facilitator:
    'Roundtable runs facilitated peer groups of firms: you will review applications, schedule sessions, take attendance and record the actions members commit to.',
  member:
    'Roundtable is where your peer group books its sessions, keeps track of the actions members commit to, and gives feedback.',
};
