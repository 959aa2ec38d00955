import { buildProgrammeWorld, ProgrammeWorld, ReceivedMail, scheduleMeeting, SignedIn, uid } from '@roundtable/server-testing';
import { ApiWithWorker, startApiWithWorker, TestApp } from './support';

const APP_URL = 'https://roundtable.test';
const PASSWORD = 'a long new passphrase';
const QUOTA = 3;
const email = (label: string) => `${label}-${uid()}@test.roundtable.local`;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * Recruiting a facilitator into a programme's pool before their group exists: invited without a group, emailed by
 * the real worker, accepted, listed among the programme's people, kept out of every group until a manager assigns
 * one, and then in. The API and the worker share a database of their own (the worker's relay takes every due row).
 */
describe('the facilitator pool', () => {
  let stack: ApiWithWorker;
  let api: TestApp;
  let mailTo: ApiWithWorker['mailTo'];
  let a: ProgrammeWorld;
  let b: ProgrammeWorld;

  beforeAll(async () => {
    stack = await startApiWithWorker('pool_facilitators', {
      PUBLIC_URL: APP_URL,
      INVITATION_MAX_PENDING_PER_INVITER: String(QUOTA),
    });
    ({ api, mailTo } = stack);
    a = await buildProgrammeWorld(api.fixtures);
    b = await buildProgrammeWorld(api.fixtures);
  }, 60_000);

  afterAll(() => stack?.close());

  function linkToken(mail: ReceivedMail): string {
    const found = new RegExp(`${APP_URL}/invitations/accept\\?token=([A-Za-z0-9_%-]+)`).exec(mail.parsed.text ?? '')?.[1];
    if (!found) throw new Error(`No invitation link in:\n${mail.parsed.text}`);
    return decodeURIComponent(found);
  }

  const invite = (by: { auth: Record<string, string> }, body: Record<string, string>) =>
    api.http.post('/api/invitations').set(by.auth).send(body);
  const intoPool = (programmeId: string, address = email('pool')) => ({
    email: address,
    name: 'Pat Pool',
    role: 'facilitator',
    programmeId,
  });
  const accept = (token: string) => api.http.post('/api/invitations/accept').send({ token, password: PASSWORD });
  const assign = (by: SignedIn, groupId: string, userId: string) =>
    api.http.put(`/api/groups/${groupId}/facilitators/${userId}`).set(by.auth).send();

  /** A pool facilitator of the programme, recruited by its manager through the emailed link, signed in. */
  async function pooled(world: ProgrammeWorld): Promise<{ id: string; auth: Record<string, string> }> {
    const address = email('pooled');
    await invite(world.manager, intoPool(world.programme.id, address)).expect(201);
    const accepted = await accept(linkToken(await mailTo(address))).expect(200);
    return { id: accepted.body.user.id, auth: bearer(accepted.body.token) };
  }

  it('emails the invitation; accepted, the person is in the pool, listed, and sees no group until assigned one', async () => {
    const address = email('recruit');
    const invited = await invite(a.manager, intoPool(a.programme.id, address)).expect(201);
    expect(invited.body).toMatchObject({ role: 'facilitator', programmeId: a.programme.id, groupId: null, status: 'pending' });

    const mail = await mailTo(address);
    expect(mail.parsed.subject).toContain(a.programme.name);
    expect(mail.parsed.text).toContain('as a facilitator');
    const accepted = await accept(linkToken(mail)).expect(200);
    const pool = { id: accepted.body.user.id as string, auth: bearer(accepted.body.token) };
    const poolRole = { role: 'facilitator', programmeId: a.programme.id, groupId: null };
    expect(accepted.body.user.roles).toEqual([poolRole]);
    expect((await api.http.get('/api/auth/me').set(pool.auth).expect(200)).body.roles).toEqual([poolRole]);

    const people = await api.http
      .get(`/api/programmes/${a.programme.id}/people?role=facilitator&pageSize=100`)
      .set(a.manager.auth)
      .expect(200);
    expect(people.body.items).toContainEqual(
      expect.objectContaining({ id: pool.id, email: address, roles: ['facilitator'], facilitatedGroupIds: [] }),
    );

    // Their programme is visible to them; nothing inside it is.
    await api.http.get(`/api/programmes/${a.programme.id}`).set(pool.auth).expect(200);
    const meetingId = await scheduleMeeting(api, a.facilitator, { groupId: a.group.id, days: 3 });
    await api.http.post(`/api/meetings/${meetingId}/notes`).set(a.facilitator.auth).send({ body: 'Pool test note' }).expect(201);
    const groupData = [
      `/api/groups/${a.group.id}/members`,
      `/api/groups/${a.group.id}/applications`,
      `/api/groups/${a.group.id}/health`,
      `/api/groups/${a.group.id}/meetings`,
      `/api/meetings/${meetingId}`,
      `/api/meetings/${meetingId}/roster`,
      `/api/meetings/${meetingId}/notes`,
      `/api/meetings/${meetingId}/attendance`,
      `/api/meetings/${meetingId}/bookings`,
      `/api/meetings/${meetingId}/feedback`,
      `/api/programmes/${a.programme.id}/firms`,
      `/api/programmes/${a.programme.id}/people`,
      `/api/firms/${a.firm.id}`,
    ];
    const leaks: string[] = [];
    for (const path of groupData) {
      const res = await api.http.get(path).set(pool.auth);
      if (![403, 404].includes(res.status)) leaks.push(`${path} answered ${res.status}`);
    }
    expect(leaks).toEqual([]);
    expect((await api.http.get('/api/me/groups').set(pool.auth).expect(200)).body).toEqual([]);
    const invitations = await api.http.get('/api/invitations?pageSize=100').set(pool.auth).expect(200);
    expect(invitations.body.items).toEqual([]);
    // Before an assignment the programme's groups and firms are not theirs to see: not found, as for a stranger.
    const hijack = await api.http.patch(`/api/groups/${a.group.id}`).set(pool.auth).send({ theme: 'Hijacked' }).expect(404);
    expect(hijack.body.code).toBe('not_found');
    const intoFirm = await invite(pool, { email: email('x'), name: 'X', role: 'member', firmId: a.firm.id }).expect(404);
    expect(intoFirm.body.code).toBe('not_found');

    // Assigned, the same session (the actor cache is evicted) opens the group; the pool place stays.
    const assigned = await assign(a.manager, a.group.id, pool.id).expect(200);
    expect(assigned.body.facilitators).toContainEqual({ userId: pool.id, name: 'Pat Pool' });
    for (const path of groupData.slice(0, 10)) await api.http.get(path).set(pool.auth).expect(200);
    const notes = await api.http.get(`/api/meetings/${meetingId}/notes`).set(pool.auth).expect(200);
    expect(notes.body.map((n: { body: string }) => n.body)).toContain('Pool test note');
    expect((await api.http.get('/api/auth/me').set(pool.auth).expect(200)).body.roles).toEqual(
      expect.arrayContaining([poolRole, { role: 'facilitator', programmeId: a.programme.id, groupId: a.group.id }]),
    );
    // Their other group stays closed to them.
    await api.http.get(`/api/groups/${a.otherGroup.id}/members`).set(pool.auth).expect(403);

    // Removed from the group, they are back to the pool alone, and out again.
    await api.http.delete(`/api/groups/${a.group.id}/facilitators/${pool.id}`).set(a.manager.auth).expect(200);
    await api.http.get(`/api/groups/${a.group.id}/members`).set(pool.auth).expect(404);
    expect((await api.http.get('/api/auth/me').set(pool.auth).expect(200)).body.roles).toEqual([poolRole]);
  });

  it('a pool facilitator of one programme cannot be assigned to a group of another', async () => {
    const pool = await pooled(b);
    expect((await assign(a.manager, a.group.id, pool.id).expect(404)).body.code).toBe('not_found');
    // Nor by their own programme's manager, who cannot see the other programme's group.
    await assign(b.manager, a.group.id, pool.id).expect(404);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM role_assignment WHERE user_id = $1`, [pool.id]);
    expect(n).toBe(1);
    // In their own programme they can be.
    await assign(b.manager, b.group.id, pool.id).expect(200);
  });

  it('only the programme’s managers and admins recruit into its pool', async () => {
    const refused = [a.member, a.facilitator, a.otherFacilitator];
    // Each sees the programme (a member through their firm), so the refusal is 403, not a 404 that would hide it.
    for (const who of refused) {
      const res = await invite(who, intoPool(a.programme.id)).expect(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await invite(a.facilitator, intoPool(a.programme.id)).expect(403)).body.message).toMatch(/managers/);
    await invite(b.manager, intoPool(a.programme.id)).expect(404);
    // A facilitator needs a group or a programme, not both; other roles never take the pool's shape.
    const base = { email: email('shape'), name: 'Shape', role: 'facilitator' };
    await invite(a.manager, base).expect(400);
    await invite(a.manager, { ...base, groupId: a.group.id, programmeId: a.programme.id }).expect(400);
    await invite(a.manager, { ...base, role: 'member', firmId: a.firm.id, programmeId: a.programme.id }).expect(400);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM invitation WHERE email = $1`, [base.email]);
    expect(n).toBe(0);
  });

  it('inviting again renews the pending pool invitation; the database allows one pool place per person', async () => {
    const address = email('again');
    const first = await invite(a.manager, intoPool(a.programme.id, address)).expect(201);
    const again = await invite(a.manager, intoPool(a.programme.id, address)).expect(201);
    expect(again.body.id).toBe(first.body.id);
    // The same email into a group is another grant.
    const intoGroup = await invite(a.manager, { email: address, name: 'Pat Pool', role: 'facilitator', groupId: a.group.id });
    expect(intoGroup.status).toBe(201);
    expect(intoGroup.body.id).not.toBe(first.body.id);

    const pool = await pooled(a);
    await expect(
      api.db.query(`INSERT INTO role_assignment (user_id, role, programme_id) VALUES ($1, 'facilitator', $2)`, [
        pool.id,
        a.programme.id,
      ]),
    ).rejects.toThrow(/uq_role_facilitator_pool/);
    await expect(
      api.db.query(`INSERT INTO role_assignment (user_id, role, group_id) VALUES ($1, 'facilitator', $2)`, [pool.id, a.group.id]),
    ).rejects.toThrow(/ck_role_assignment_scope/);
  });

  it('counts pool invitations against the inviter’s quota', async () => {
    const manager = await api.fixtures.user({ managerOf: a.programme.id });
    for (let i = 0; i < QUOTA; i += 1) await invite(manager, intoPool(a.programme.id)).expect(201);
    const over = await invite(manager, intoPool(a.programme.id)).expect(409);
    expect(over.body.code).toBe('invitation_quota_reached');
  });

  it('refuses the grant on accept when the inviter is no longer a manager of the programme', async () => {
    const manager = await api.fixtures.user({ managerOf: a.programme.id });
    const invited = await invite(manager, intoPool(a.programme.id)).expect(201);
    const token = linkToken(await mailTo(invited.body.email));
    await api.db.query(`DELETE FROM role_assignment WHERE user_id = $1`, [manager.user.id]);
    expect((await accept(token).expect(409)).body.code).toBe('inviter_no_longer_authorised');
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [invited.body.email]);
    expect(n).toBe(0);
  });
});
