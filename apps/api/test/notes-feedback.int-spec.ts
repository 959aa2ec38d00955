import { buildProgrammeWorld, ProgrammeWorld, scheduleMeeting, SignedIn } from '@roundtable/server-testing';
import { createTestApp, TestApp } from './support';

describe('facilitator notes and feedback', () => {
  let t: TestApp;
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;
  let coFacilitator: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    a = await buildProgrammeWorld(t.fixtures);
    b = await buildProgrammeWorld(t.fixtures);
    coFacilitator = await t.fixtures.user({ facilitatorOf: { groupId: a.group.id, programmeId: a.programme.id } });
  });
  afterAll(() => t.close());

  const started = () => scheduleMeeting(t, a.facilitator, { groupId: a.group.id, days: -1 });
  const note = (meetingId: string, by: SignedIn, body: string) =>
    t.http.post(`/api/meetings/${meetingId}/notes`).set(by.auth).send({ body });
  const give = (meetingId: string, by: SignedIn, body: object) =>
    t.http.post(`/api/meetings/${meetingId}/feedback`).set(by.auth).send(body);
  const attend = (meetingId: string, records: { userId: string; status: string }[]) =>
    t.http.put(`/api/meetings/${meetingId}/attendance`).set(a.facilitator.auth).send({ records }).expect(200);

  describe('notes', () => {
    it('are written, read and edited by the group’s own facilitators; only the author edits', async () => {
      const meetingId = await started();
      const created = await note(meetingId, a.facilitator, 'Ewan quiet; follow up on hiring worry.').expect(201);
      expect(created.body).toMatchObject({
        meetingId,
        body: 'Ewan quiet; follow up on hiring worry.',
        authorId: a.facilitator.user.id,
        authorName: a.facilitator.user.name,
      });
      await note(meetingId, coFacilitator, 'Room too warm.').expect(201);
      const list = await t.http.get(`/api/meetings/${meetingId}/notes`).set(coFacilitator.auth).expect(200);
      expect(list.body.map((n: { body: string }) => n.body)).toEqual([
        'Ewan quiet; follow up on hiring worry.',
        'Room too warm.',
      ]);

      const edited = await t.http
        .patch(`/api/notes/${created.body.id}`)
        .set(a.facilitator.auth)
        .send({ body: 'Ewan quiet; called him on Friday.' })
        .expect(200);
      expect(edited.body).toMatchObject({ body: 'Ewan quiet; called him on Friday.', createdAt: created.body.createdAt });
      expect(new Date(edited.body.updatedAt).getTime()).toBeGreaterThan(new Date(created.body.updatedAt).getTime());
      const notAuthor = await t.http
        .patch(`/api/notes/${created.body.id}`)
        .set(coFacilitator.auth)
        .send({ body: 'Overwritten' })
        .expect(403);
      expect(notAuthor.body.message).toMatch(/author/);
      await note(meetingId, a.facilitator, '').expect(400);
      await note(meetingId, a.facilitator, 'x'.repeat(20001)).expect(400);
      await t.http.patch(`/api/notes/${created.body.id}`).set(a.facilitator.auth).send({ body: 'x', pinned: true }).expect(400);
      await t.http
        .patch('/api/notes/00000000-0000-4000-8000-000000000000')
        .set(a.facilitator.auth)
        .send({ body: 'x' })
        .expect(404);
    });

    it('are refused to the programme manager, members and other facilitators (403) and other programmes (404)', async () => {
      const meetingId = await started();
      const written = await note(meetingId, a.facilitator, 'Confidential').expect(201);
      const routes = [
        () => t.http.get(`/api/meetings/${meetingId}/notes`),
        () => t.http.post(`/api/meetings/${meetingId}/notes`).send({ body: 'Intruder' }),
        () => t.http.patch(`/api/notes/${written.body.id}`).send({ body: 'Intruder' }),
      ];
      for (const route of routes) {
        await route().set(a.manager.auth).expect(403);
        await route().set(a.member.auth).expect(403);
        await route().set(a.otherMember.auth).expect(403);
        await route().set(a.otherFacilitator.auth).expect(403);
        await route().set(b.manager.auth).expect(404);
        await route().set(b.facilitator.auth).expect(404);
        await route().expect(401);
      }
      const list = await t.http.get(`/api/meetings/${meetingId}/notes`).set(a.facilitator.auth).expect(200);
      expect(list.body.map((n: { body: string }) => n.body)).toEqual(['Confidential']);
    });

    it('on an open event are for the programme’s staff', async () => {
      const eventId = await scheduleMeeting(t, a.manager, { programmeId: a.programme.id, days: 5 });
      const written = await note(eventId, a.manager, 'Venue wants numbers by Friday').expect(201);
      const read = await t.http.get(`/api/meetings/${eventId}/notes`).set(a.otherFacilitator.auth).expect(200);
      expect(read.body.map((n: { id: string }) => n.id)).toEqual([written.body.id]);
      await t.http.get(`/api/meetings/${eventId}/notes`).set(a.member.auth).expect(403);
      await t.http.get(`/api/meetings/${eventId}/notes`).set(b.manager.auth).expect(404);
    });
  });

  describe('feedback', () => {
    it('is taken once from each person who attended, and summarised with the NPS', async () => {
      const meetingId = await started();
      const people = [a.member];
      for (let i = 0; i < 6; i += 1) people.push(await t.fixtures.user({ firmId: a.firm.id }));
      const [absent, ...attendees] = people;
      await attend(meetingId, [
        { userId: absent.user.id, status: 'apologies' },
        ...attendees.map((p, i) => ({ userId: p.user.id, status: i === 0 ? 'late' : 'present' })),
      ]);

      // 3 promoters (9–10), 1 passive (7–8), 2 detractors (0–6) of 6: 50% − 33.3% = 16.7 → 17.
      const answers = [
        { usefulness: 5, wouldRecommend: 10, comment: 'Best session yet' },
        { usefulness: 4, wouldRecommend: 9 },
        { usefulness: 4, wouldRecommend: 9 },
        { usefulness: 3, wouldRecommend: 7 },
        { usefulness: 2, wouldRecommend: 2 },
        { usefulness: 5, wouldRecommend: 6 },
      ];
      for (const [i, p] of attendees.entries()) await give(meetingId, p, answers[i]).expect(201);

      const again = await give(meetingId, attendees[0], { usefulness: 1, wouldRecommend: 0 }).expect(409);
      expect(again.body.code).toBe('feedback_exists');
      const apologised = await give(meetingId, absent, { usefulness: 5, wouldRecommend: 10 }).expect(403);
      expect(apologised.body.code).toBe('not_attended');
      const notRecorded = await t.fixtures.user({ firmId: a.firm.id });
      expect((await give(meetingId, notRecorded, { usefulness: 5, wouldRecommend: 10 }).expect(403)).body.code).toBe(
        'not_attended',
      );

      const res = await t.http.get(`/api/meetings/${meetingId}/feedback`).set(a.facilitator.auth).expect(200);
      expect(res.body.summary).toEqual({
        responses: 6,
        averageUsefulness: 3.83, // 23 / 6
        nps: 17,
        promoters: 3,
        passives: 1,
        detractors: 2,
      });
      expect(res.body.entries).toHaveLength(6);
      expect(res.body.entries[0]).toMatchObject({
        userId: attendees[0].user.id,
        userName: attendees[0].user.name,
        usefulness: 5,
        wouldRecommend: 10,
        comment: 'Best session yet',
      });
      const byManager = await t.http.get(`/api/meetings/${meetingId}/feedback`).set(a.manager.auth).expect(200);
      expect(byManager.body.summary.nps).toBe(17);
    });

    it('is refused before attendance is taken, and summarised as empty', async () => {
      const future = await scheduleMeeting(t, a.facilitator, { groupId: a.group.id, days: 3 });
      const early = await give(future, a.member, { usefulness: 4, wouldRecommend: 8 }).expect(403);
      expect(early.body.code).toBe('not_attended');
      const res = await t.http.get(`/api/meetings/${future}/feedback`).set(a.facilitator.auth).expect(200);
      expect(res.body).toEqual({
        summary: { responses: 0, averageUsefulness: null, nps: null, promoters: 0, passives: 0, detractors: 0 },
        entries: [],
      });
    });

    it('accepts one of several simultaneous answers from the same person', async () => {
      const meetingId = await started();
      await attend(meetingId, [{ userId: a.member.user.id, status: 'present' }]);
      const responses = await Promise.all(
        [8, 9, 10, 7].map((wouldRecommend) => give(meetingId, a.member, { usefulness: 4, wouldRecommend })),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'feedback_exists')).toBe(true);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM feedback WHERE meeting_id = $1`, [meetingId]);
      expect(n).toBe(1);
    });

    it('validates the scales', async () => {
      const meetingId = await started();
      await attend(meetingId, [{ userId: a.member.user.id, status: 'present' }]);
      for (const body of [
        { usefulness: 0, wouldRecommend: 5 },
        { usefulness: 6, wouldRecommend: 5 },
        { usefulness: 3, wouldRecommend: 11 },
        { usefulness: 3, wouldRecommend: -1 },
        { usefulness: 3.5, wouldRecommend: 5 },
        { usefulness: 3 },
        { usefulness: 3, wouldRecommend: 5, comment: 'x'.repeat(4001) },
        { usefulness: 3, wouldRecommend: 5, userId: a.otherMember.user.id },
      ]) {
        await give(meetingId, a.member, body).expect(400);
      }
      await give(meetingId, a.member, { usefulness: 3, wouldRecommend: 5, comment: 'x'.repeat(4000) }).expect(201);
    });

    it('shows a person their own feedback only, and 404 until they have given it', async () => {
      const meetingId = await started();
      const colleague = await t.fixtures.user({ firmId: a.firm.id });
      await attend(meetingId, [
        { userId: a.member.user.id, status: 'present' },
        { userId: colleague.user.id, status: 'late' },
      ]);
      const mine = (who: SignedIn) => t.http.get(`/api/meetings/${meetingId}/feedback/mine`).set(who.auth);
      expect((await mine(a.member).expect(404)).body.code).toBe('feedback_not_found');

      await give(meetingId, colleague, { usefulness: 2, wouldRecommend: 3, comment: 'Not for me' }).expect(201);
      // Another person's feedback on the same meeting is never the caller's.
      expect((await mine(a.member).expect(404)).body.code).toBe('feedback_not_found');
      const given = await give(meetingId, a.member, { usefulness: 5, wouldRecommend: 10, comment: 'Worth it' }).expect(201);
      const own = await mine(a.member).expect(200);
      expect(own.body).toEqual(given.body);
      expect(own.body).toMatchObject({
        meetingId,
        userId: a.member.user.id,
        usefulness: 5,
        wouldRecommend: 10,
        comment: 'Worth it',
      });
      expect((await mine(colleague).expect(200)).body).toMatchObject({ userId: colleague.user.id, usefulness: 2 });
      // Staff see everyone's through the list; their own is none.
      expect((await mine(a.facilitator).expect(404)).body.code).toBe('feedback_not_found');

      // Seen as for giving feedback: another group's people 403, another programme 404, nobody signed in 401.
      await mine(a.otherMember).expect(403);
      await mine(a.otherFacilitator).expect(403);
      await mine(b.member).expect(404);
      await mine(b.manager).expect(404);
      await t.http.get(`/api/meetings/${meetingId}/feedback/mine`).expect(401);
      await t.http.get('/api/meetings/00000000-0000-4000-8000-000000000000/feedback/mine').set(a.member.auth).expect(404);
    });

    it('refuses both feedback routes to the wrong people', async () => {
      const meetingId = await started();
      await attend(meetingId, [{ userId: a.member.user.id, status: 'present' }]);
      const body = { usefulness: 4, wouldRecommend: 9 };
      const post = () => t.http.post(`/api/meetings/${meetingId}/feedback`).send(body);
      await post().set(a.otherMember.auth).expect(403);
      await post().set(a.otherFacilitator.auth).expect(403);
      expect((await post().set(a.facilitator.auth).expect(403)).body.code).toBe('not_attended');
      await post().set(b.manager.auth).expect(404);
      await post().set(b.member.auth).expect(404);
      await post().expect(401);
      const list = () => t.http.get(`/api/meetings/${meetingId}/feedback`);
      await list().set(a.member.auth).expect(403);
      await list().set(a.otherMember.auth).expect(403);
      await list().set(a.otherFacilitator.auth).expect(403);
      await list().set(b.manager.auth).expect(404);
      await list().set(b.facilitator.auth).expect(404);
      await list().expect(401);
      const res = await list().set(a.facilitator.auth).expect(200);
      expect(res.body.summary.responses).toBe(0);
    });
  });
});
