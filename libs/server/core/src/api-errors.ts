import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Refuses } from './refusals';

export class FieldErrorDto {
  @ApiProperty({ example: 'capacity' })
  field: string;
  @ApiProperty({ example: 'capacity must not be greater than 20' })
  message: string;
}

export class ErrorDto {
  @ApiProperty({ example: 400 })
  statusCode: number;
  @ApiProperty({ example: 'validation_failed', description: 'Machine-readable error code' })
  code: string;
  @ApiProperty({ example: 'capacity: capacity must not be greater than 20' })
  message: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}

/**
 * The refusals of a route that acts on objects with access rules (see "404 or 403" in
 * docs/architecture.md). 400 and 401 are declared for every route that needs a session anyway.
 */
export function ApiStandardErrors() {
  return Refuses({
    403: { forbidden: 'The object is visible to you but the action is not yours to take' },
    404: { not_found: 'Unknown id, or an object you may not see' },
  });
}
