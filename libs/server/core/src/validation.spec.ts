import { ArgumentMetadata } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import { ApiError } from './errors';
import { createValidationPipe } from './validation';

class OptionalQuery {
  @IsOptional()
  @IsIn(['scheduled', 'cancelled'])
  status?: string;

  @IsOptional()
  @IsInt()
  limit = 50;
}

class RequiredBody {
  @IsString()
  title!: string;
}

const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

async function refusal(run: () => Promise<unknown>): Promise<ApiError> {
  try {
    await run();
  } catch (err) {
    return err as ApiError;
  }
  throw new Error('expected a refusal');
}

describe('the validation pipe with an empty query or body', () => {
  it('answers a fresh instance of the class, with its defaults, every time', async () => {
    const pipe = createValidationPipe();
    const first = await pipe.transform({}, query(OptionalQuery));
    const second = await pipe.transform(Object.create(null), query(OptionalQuery));
    expect(first).toBeInstanceOf(OptionalQuery);
    expect(second).toBeInstanceOf(OptionalQuery);
    expect(second).toEqual({ limit: 50 });
    // Not one shared object a service could change for the next request.
    expect(second).not.toBe(first);
  });

  it('still refuses an empty object where the class requires a field, each time', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 3; i++) {
      const err = await refusal(() => pipe.transform({}, body(RequiredBody)));
      expect(err.status).toBe(400);
      expect(err.errors?.map((e) => e.field)).toEqual(['title']);
    }
  });

  it('still checks a query that is not empty after an empty one passed', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({}, query(OptionalQuery));
    const err = await refusal(() => pipe.transform({ status: 'nope' }, query(OptionalQuery)));
    expect(err.errors?.[0].field).toBe('status');
    await expect(pipe.transform({ status: 'scheduled' }, query(OptionalQuery))).resolves.toEqual({
      status: 'scheduled',
      limit: 50,
    });
  });

  it('leaves an empty body of no class as it came', async () => {
    const pipe = createValidationPipe();
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({}, body(Object))).resolves.toEqual({});
      await expect(pipe.transform([], body(Array))).resolves.toEqual([]);
    }
  });
});
