import { FacilitatorBriefInput, MailPerson, MeetingRecapInput, ReminderInput } from '../compose-input';
import { Block, button, facts, list, paragraph, subheading } from '../layout';
import { commitmentStatusLabel, Draft, dueText, greeting, meetingFacts, offsetInWords, shortWhen, when } from './shared';

export function reminder(input: ReminderInput): Draft {
  const { meeting, recipient } = input;
  const commitments = input.openCommitments ?? [];
  return {
    subject: `Reminder: ${meeting.title}, ${shortWhen(meeting, recipient)}`,
    heading: `${meeting.title} starts in ${offsetInWords(input.offsetMinutes)}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph('A reminder of the session you booked:'),
      facts(meetingFacts(meeting, recipient, { joinLink: true })),
      ...(commitments.length
        ? [
            subheading('Your commitments to report on'),
            paragraph('The session opens with each member saying how their actions went:'),
            list(commitments.map((c) => `${c.text}${dueText(c.dueDate)}`)),
          ]
        : []),
      paragraph('Cannot come after all? Cancel your booking, so that someone on the waiting list gets your seat.'),
      button('View or cancel your booking', meeting.url),
    ],
    reason: 'You receive a reminder before each session you have booked.',
  };
}

export function facilitatorBrief(input: FacilitatorBriefInput): Draft {
  const { meeting, recipient, attending, apologies, commitmentsDue, waitlisted } = input;
  const blocks: Block[] = [
    paragraph(greeting(recipient)),
    paragraph('Here is who to expect, and what to review, at your next session.'),
    facts(meetingFacts(meeting, recipient, { joinLink: true })),
    subheading(`Coming (${attending.length})`),
    attending.length
      ? list(
          attending.map(
            (p) =>
              `${person(p)}${meeting.mode === 'hybrid' && p.mode ? `, ${p.mode === 'online' ? 'online' : 'in person'}` : ''}`,
          ),
        )
      : paragraph('Nobody has booked yet.'),
  ];
  if (waitlisted > 0)
    blocks.push(paragraph(`${waitlisted} more ${waitlisted === 1 ? 'person is' : 'people are'} on the waiting list.`));
  blocks.push(subheading(`Apologies (${apologies.length})`));
  blocks.push(apologies.length ? list(apologies.map(person)) : paragraph('No apologies so far.'));
  blocks.push(subheading(`Commitments due for review (${commitmentsDue.length})`));
  blocks.push(
    commitmentsDue.length
      ? list(
          commitmentsDue.map(
            (c) =>
              `${person({ name: c.memberName, firmName: c.firmName })}: ${c.text}${dueText(c.dueDate)}, ${commitmentStatusLabel(c.status)}`,
          ),
        )
      : paragraph('No commitments are due for review at this session.'),
  );
  blocks.push(button('Open the session', meeting.url));
  return {
    subject: `Brief: ${meeting.title}, ${shortWhen(meeting, recipient)} (${attending.length} coming)`,
    heading: `Your brief for ${meeting.title}`,
    blocks,
    reason: 'You receive a brief the day before each session you facilitate.',
  };
}

export function meetingRecap(input: MeetingRecapInput): Draft {
  const { meeting, recipient, commitments } = input;
  return {
    subject: `After ${meeting.title}: your commitments and feedback`,
    heading: `Thank you for coming to ${meeting.title}`,
    blocks: [
      paragraph(greeting(recipient)),
      paragraph(`A short recap of the session on ${when(meeting, recipient)}.`),
      subheading('What you committed to'),
      commitments.length
        ? list(commitments.map((c) => `${c.text}${dueText(c.dueDate)}`))
        : paragraph('No commitments were recorded for you at this session.'),
      ...(commitments.length ? [paragraph('At the next session the group will start by hearing how you got on.')] : []),
      subheading('How was it?'),
      paragraph(
        'Two quick questions, a minute of your time: your answers help the facilitator and the people who fund the programme.',
      ),
      button('Give feedback', input.feedbackUrl),
    ],
    reason: 'You receive a short recap after each session you attend.',
  };
}

function person(p: MailPerson): string {
  return p.firmName ? `${p.name} (${p.firmName})` : p.name;
}
