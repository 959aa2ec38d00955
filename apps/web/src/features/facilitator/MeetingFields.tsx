import { Group, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { UseFormReturnType } from '@mantine/form';
import { MeetingMode } from '@roundtable/api-client';
import { fieldErrors, isProblem } from '../../app/api';
import { useT } from '../../i18n';

/** The fields of a meeting as the forms hold them: strings for native inputs, '' for "the group's default". */
export interface MeetingFormValues {
  title: string;
  agenda: string;
  date: string;
  time: string;
  timezone: string;
  durationMinutes: number | string;
  mode: MeetingMode | '';
  venue: string;
  onlineLink: string;
  capacity: number | string;
}

const zones = (() => {
  let list: string[] = [];
  try {
    list = Intl.supportedValuesOf('timeZone');
  } catch {
    list = [];
  }
  return list.includes('UTC') ? list : [...list, 'UTC'];
})();

/** Every IANA zone the browser knows, with `current` first in line if it is not among them. */
export const zoneOptions = (current: string) => (zones.includes(current) || !current ? zones : [current, ...zones]);

export const localStartOf = (v: Pick<MeetingFormValues, 'date' | 'time'>) => `${v.date}T${v.time}`;

/** The API's field names as the form names them (the form splits `localStart` into a date and a time). */
const FIELD_OF: Record<string, keyof MeetingFormValues> = { localStart: 'date' };

/** Puts the API's field messages beside the form's fields; returns the message for the top of the form, if any. */
export function placeMeetingErrors(
  form: UseFormReturnType<MeetingFormValues>,
  error: unknown,
  fallback: string,
  elsewhere: string[] = [],
): string | null {
  const byField = fieldErrors(error);
  const values = form.getValues();
  const placed: Record<string, string> = {};
  let unplaced = 0;
  for (const [field, message] of Object.entries(byField)) {
    const name = FIELD_OF[field] ?? field;
    if (name in values) placed[name] = message;
    else if (!elsewhere.includes(field)) unplaced++;
  }
  form.setErrors(placed);
  if (Object.keys(byField).length > 0 && unplaced === 0) return null;
  return isProblem(error) ? error.message : fallback;
}

/** Title, agenda, when, how long, how and where: shared by scheduling and editing. */
export function MeetingFields({ form, dateLabel }: { form: UseFormReturnType<MeetingFormValues>; dateLabel?: string }) {
  const t = useT();
  const values = form.getValues();
  return (
    <Stack gap="sm">
      <TextInput label={t('facilitator.meeting.title')} required maxLength={200} {...form.getInputProps('title')} />
      <Textarea
        label={t('facilitator.meeting.agenda')}
        autosize
        minRows={2}
        maxLength={10000}
        {...form.getInputProps('agenda')}
      />
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          type="date"
          label={dateLabel ?? t('facilitator.meeting.date')}
          required
          miw={140}
          {...form.getInputProps('date')}
        />
        <TextInput type="time" label={t('facilitator.meeting.time')} required miw={110} {...form.getInputProps('time')} />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('facilitator.meeting.timezone')}
          miw={180}
          data={zoneOptions(values.timezone)}
          {...form.getInputProps('timezone')}
        />
        <NumberInput
          label={t('facilitator.meeting.duration')}
          min={15}
          max={720}
          step={15}
          allowDecimal={false}
          miw={110}
          {...form.getInputProps('durationMinutes')}
        />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('facilitator.meeting.mode')}
          miw={140}
          data={[
            { value: '', label: t('facilitator.meeting.groupDefault') },
            ...(['in_person', 'online', 'hybrid'] as const).map((m) => ({ value: m, label: t(`meetingMode.${m}`) })),
          ]}
          {...form.getInputProps('mode')}
        />
        <NumberInput
          label={t('facilitator.meeting.capacity')}
          placeholder={t('facilitator.meeting.groupDefault')}
          min={1}
          max={1000}
          allowDecimal={false}
          miw={110}
          {...form.getInputProps('capacity')}
        />
      </Group>
      <TextInput
        label={t('facilitator.meeting.venue')}
        placeholder={t('facilitator.meeting.groupDefault')}
        maxLength={300}
        {...form.getInputProps('venue')}
      />
      <TextInput
        type="url"
        label={t('facilitator.meeting.onlineLink')}
        placeholder={t('facilitator.meeting.groupDefault')}
        maxLength={500}
        {...form.getInputProps('onlineLink')}
      />
    </Stack>
  );
}
