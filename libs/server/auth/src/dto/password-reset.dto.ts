import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class RequestPasswordResetDto {
  @ApiProperty({ example: 'ailsa@example.co.uk', description: 'The email of the account' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

/** The one answer to every accepted request, whether or not the email has an account. */
export class PasswordResetRequestedDto {
  @ApiProperty({
    example:
      'If this email belongs to an active account, a link to reset its password is on its way. It works once, for an hour.',
    description: 'The same for every email, known or not',
  })
  message: string;
}

export class ConfirmPasswordResetDto {
  @ApiProperty({ description: 'The token from the link in the password reset email' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  token: string;

  @ApiProperty({ example: 'a-longer-new-passphrase', minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  newPassword: string;
}
