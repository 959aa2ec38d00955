import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';

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

/** The error responses every authenticated route can give. */
export function ApiStandardErrors() {
  return applyDecorators(
    ApiBadRequestResponse({ type: ErrorDto, description: 'Invalid input; `errors` names the fields' }),
    ApiUnauthorizedResponse({ type: ErrorDto, description: 'No valid session' }),
    ApiForbiddenResponse({ type: ErrorDto, description: 'The object is visible to you but the action is not yours to take' }),
    ApiNotFoundResponse({ type: ErrorDto, description: 'Unknown id, or an object you may not see' }),
  );
}
