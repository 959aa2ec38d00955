import { ApplicationApprovedInput, ApplicationReceivedInput, ApplicationRejectedInput } from '../compose-input';
import { button, facts, paragraph, quote } from '../layout';
import { Draft, greeting, SERVICE_REASON } from './shared';

export function applicationReceived(input: ApplicationReceivedInput): Draft {
  const { firmName, groupName } = input;
  return {
    subject: `New application: ${firmName} to join ${groupName}`,
    heading: `${firmName} has applied to join ${groupName}`,
    blocks: [
      paragraph(greeting(input.recipient)),
      paragraph('A new application is waiting for your review.'),
      facts([
        { label: 'Firm', value: firmName },
        { label: 'Applicant', value: input.applicantName },
        { label: 'Group', value: groupName },
      ]),
      ...(input.competitorConflict
        ? [
            paragraph(
              'Possible competitor: this firm looks like it is in the same line of business, in the same area, as a firm already in the group. Please check before approving.',
            ),
          ]
        : []),
      button('Review the application', input.reviewUrl),
    ],
    reason: `You receive this because you review applications to ${groupName}.`,
  };
}

export function applicationApproved(input: ApplicationApprovedInput): Draft {
  const { firmName, groupName } = input;
  return {
    subject: `Welcome to ${groupName}`,
    heading: `${firmName} has joined ${groupName}`,
    blocks: [
      paragraph(greeting(input.recipient)),
      paragraph(`Your application for ${firmName} to join ${groupName} has been approved. Welcome!`),
      paragraph(
        "You can now book the group's sessions. Each one opens with members reporting back on the actions they committed to last time, and closes with new commitments.",
      ),
      button("See the group's sessions", input.groupUrl),
    ],
    reason: SERVICE_REASON,
  };
}

export function applicationRejected(input: ApplicationRejectedInput): Draft {
  const { firmName, groupName } = input;
  const message = input.message?.trim();
  return {
    subject: `Your application to join ${groupName}`,
    heading: `Your application to join ${groupName}`,
    blocks: [
      paragraph(greeting(input.recipient)),
      paragraph(`Thank you for applying for ${firmName} to join ${groupName}. This time, the application was not accepted.`),
      ...(message ? [quote(message, input.reviewerName ?? 'The reviewer')] : []),
      paragraph('Other groups in the programme may suit your firm better, and you are welcome to apply to them.'),
      button('Find another group', input.appUrl),
    ],
    reason: SERVICE_REASON,
  };
}
