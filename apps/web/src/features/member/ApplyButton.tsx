import { Alert, Button, ButtonProps, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { applicationsApplyMutation, GroupDto } from '@roundtable/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { showApiErrors } from '../../components/forms';
import { useT } from '../../i18n';
import { invalidateApplications } from './queries';

/**
 * The questions a firm answers when it applies, by the keys its answers are stored under (the demo
 * programme's applications use the same keys, so reviewers see one set of questions).
 */
export const APPLICATION_QUESTIONS = ['goal', 'yearsTrading', 'heardAbout'] as const;
type Answers = Record<(typeof APPLICATION_QUESTIONS)[number], string>;

const MAX_ANSWER = 2000;

/**
 * "Apply to join" for a member's firm: a button opening a short form in a modal. Used on the groups list
 * and on a group's own page.
 */
export function ApplyButton({
  group,
  onApplied,
  ...buttonProps
}: { group: Pick<GroupDto, 'id' | 'name'>; onApplied?: () => void } & ButtonProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<{ answers: Answers }>({
    mode: 'controlled',
    initialValues: { answers: { goal: '', yearsTrading: '', heardAbout: '' } },
    validate: {
      answers: {
        goal: (v) => (v.trim() ? null : t('member.apply.goalRequired')),
        yearsTrading: (v) => (v.trim() === '' || /^\d{1,3}$/.test(v.trim()) ? null : t('member.apply.yearsInvalid')),
      },
    },
  });
  const apply = useMutation({
    ...applicationsApplyMutation(),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: t('member.apply.sent', { group: group.name }) });
      setOpened(false);
      form.reset();
      onApplied?.();
      await invalidateApplications(queryClient);
    },
    onError: (error) => setProblem(showApiErrors(form, error, t('member.apply.failed'))),
  });
  const submit = form.onSubmit((values) => {
    setProblem(null);
    const answers = Object.fromEntries(
      Object.entries(values.answers)
        .map(([key, value]) => [key, value.trim()])
        .filter(([, value]) => value !== ''),
    );
    apply.mutate({ path: { groupId: group.id }, body: { answers } });
  });
  const close = () => {
    setOpened(false);
    setProblem(null);
  };
  return (
    <>
      <Button onClick={() => setOpened(true)} {...buttonProps}>
        {t('member.apply.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('member.apply.title', { group: group.name })} centered>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('member.apply.intro')}
            </Text>
            {problem && (
              <Alert color="red" variant="light" role="alert">
                {problem}
              </Alert>
            )}
            <Textarea
              label={t('member.apply.goal')}
              description={t('member.apply.goalHint')}
              required
              autosize
              minRows={3}
              maxLength={MAX_ANSWER}
              data-autofocus
              {...form.getInputProps('answers.goal')}
            />
            <TextInput
              label={t('member.apply.yearsTrading')}
              inputMode="numeric"
              maxLength={3}
              {...form.getInputProps('answers.yearsTrading')}
            />
            <TextInput label={t('member.apply.heardAbout')} maxLength={200} {...form.getInputProps('answers.heardAbout')} />
            <Button type="submit" loading={apply.isPending}>
              {t('member.apply.submit')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
