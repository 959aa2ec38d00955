import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { BookingDto, bookingsBookMutation, bookingsCancelMineMutation, MeetingDto } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useProblemText } from '../../components/states';
import { StatusBadge } from '../../components/StatusBadge';
import { useT } from '../../i18n';
import { invalidateMeetings } from './queries';

export type BookableMeeting = Pick<
  MeetingDto,
  'id' | 'title' | 'startsAt' | 'status' | 'capacity' | 'confirmedCount' | 'waitlistCount' | 'myBooking'
>;

/** The viewer's place at a meeting as the button shows it: `cancelled` only right after they cancel here. */
interface Place {
  status: 'none' | BookingDto['status'];
  position: number | null;
}

const placeOf = (meeting: BookableMeeting): Place =>
  meeting.myBooking
    ? { status: meeting.myBooking.status, position: meeting.myBooking.position ?? null }
    : { status: 'none', position: null };

/** Whether the meeting still takes bookings (scheduled and not yet started). */
export const isBookable = (meeting: Pick<MeetingDto, 'status' | 'startsAt'>, now = Date.now()): boolean =>
  meeting.status === 'scheduled' && new Date(meeting.startsAt).getTime() > now;

const newIdempotencyKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * Book a seat in one tap, cancel in two (the second confirms). Both show their result at once and are
 * rolled back, with the API's message, when the API refuses. A full meeting puts the person on the waiting
 * list: the API decides, and its answer (with the position) is what stays on screen.
 */
export function BookingButton({ meeting }: { meeting: BookableMeeting }) {
  const t = useT();
  const problemText = useProblemText();
  const queryClient = useQueryClient();
  /** What this tab did, shown until the API's refetched data arrives; then the server's state wins. */
  const [override, setOverride] = useState<Place | null>(null);
  /** The person cancelled here and the server agrees they hold no place: say so rather than show nothing. */
  const [cancelledHere, setCancelledHere] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** Counts the changes started here, so a slow refetch does not clear the optimistic state of a newer one. */
  const generation = useRef(0);
  /** Set synchronously, so a double tap sends one request even before the re-render disables the button. */
  const inFlight = useRef(false);
  const server = placeOf(meeting);
  const place: Place = override ?? (cancelledHere && server.status === 'none' ? { status: 'cancelled', position: null } : server);
  const full = meeting.confirmedCount >= meeting.capacity;
  const open = isBookable(meeting);

  const start = () => {
    setRefusal(null);
    return { before: place, generation: ++generation.current };
  };
  /** After any answer, read the meeting again and let the server's state replace what this tab assumed. */
  const settle = async (context: { generation: number } | undefined) => {
    try {
      await invalidateMeetings(queryClient);
    } finally {
      inFlight.current = false;
      if (context && context.generation === generation.current) setOverride(null);
    }
  };

  const book = useMutation({
    ...bookingsBookMutation(),
    onMutate: () => {
      const context = start();
      setCancelledHere(false);
      setOverride(full ? { status: 'waitlisted', position: meeting.waitlistCount + 1 } : { status: 'confirmed', position: null });
      return context;
    },
    onSuccess: (booking) => setOverride({ status: booking.status, position: booking.position ?? null }),
    onError: (error, _vars, context) => {
      setOverride(context?.before ?? null);
      setRefusal(problemText(error));
    },
    onSettled: (_data, _error, _vars, context) => settle(context),
  });

  const cancel = useMutation({
    ...bookingsCancelMineMutation(),
    onMutate: () => {
      const context = start();
      setConfirming(false);
      setOverride({ status: 'cancelled', position: null });
      return context;
    },
    onSuccess: () => setCancelledHere(true),
    onError: (error, _vars, context) => {
      setOverride(context?.before ?? null);
      setRefusal(problemText(error));
    },
    onSettled: (_data, _error, _vars, context) => settle(context),
  });

  const doBook = () => {
    if (inFlight.current) return;
    inFlight.current = true;
    book.mutate({ path: { meetingId: meeting.id }, body: {}, headers: { 'Idempotency-Key': newIdempotencyKey() } });
  };
  const doCancel = () => {
    if (inFlight.current) return;
    inFlight.current = true;
    cancel.mutate({ path: { meetingId: meeting.id } });
  };
  const busy = book.isPending || cancel.isPending;
  const booked = place.status === 'confirmed';
  const waiting = place.status === 'waitlisted';

  return (
    <Stack gap="xs" data-testid="booking">
      <Group gap="sm" wrap="wrap" aria-live="polite">
        {booked && <StatusBadge tone="success">{t('member.booking.booked')}</StatusBadge>}
        {waiting && (
          <StatusBadge tone="waiting">
            {place.position ? t('member.booking.waitlistedAt', { position: place.position }) : t('member.booking.waitlisted')}
          </StatusBadge>
        )}
        {place.status === 'cancelled' && <StatusBadge tone="neutral">{t('member.booking.cancelled')}</StatusBadge>}
        {!open && (
          <Text size="sm" c="dimmed">
            {meeting.status === 'cancelled' ? t('member.booking.meetingCancelled') : t('member.booking.closed')}
          </Text>
        )}
        {open && (booked || waiting) && (
          <Button variant="default" onClick={() => setConfirming(true)} disabled={busy}>
            {waiting ? t('member.booking.leaveWaitlist') : t('member.booking.cancel')}
          </Button>
        )}
        {open && !booked && !waiting && (
          <Button onClick={doBook} disabled={busy}>
            {full ? t('member.booking.joinWaitlist') : t('member.booking.book')}
          </Button>
        )}
      </Group>
      {refusal && (
        <Alert color="red" variant="light" role="alert" title={t('member.booking.refused')}>
          {refusal}
        </Alert>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={waiting ? t('member.booking.confirmLeaveTitle') : t('member.booking.confirmCancelTitle')}
        keepLabel={t('member.booking.keep')}
        confirmLabel={waiting ? t('member.booking.confirmLeave') : t('member.booking.confirmCancel')}
        onConfirm={doCancel}
        disabled={busy}
        loading={cancel.isPending}
      >
        {t('member.booking.confirmCancelBody', { title: meeting.title })}
      </ConfirmModal>
    </Stack>
  );
}
