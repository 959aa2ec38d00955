import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiStandardErrors, CurrentActor, Page, PageDtoOf } from '@roundtable/server-core';
import { AccountsAdminService } from './accounts-admin.service';
import { AccountDto, AccountQueryDto } from './dto/account.dto';

const AccountPageDto = PageDtoOf(AccountDto);

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/accounts')
export class AccountsAdminController {
  constructor(private readonly accounts: AccountsAdminService) {}

  @Get()
  @ApiOperation({
    summary: 'Every account, with its roles',
    description:
      'Admins only (anyone else 403). Every account of the installation by name, a page at a time, each with its status, ' +
      'firm and every role assigned to it. q searches name and email; role keeps the accounts holding that role ' +
      'anywhere (member: people of a firm). People invited who have not accepted yet have no account: GET /invitations lists them.',
  })
  @ApiOkResponse({ type: AccountPageDto })
  @ApiStandardErrors()
  list(@CurrentActor() actor: Actor, @Query() query: AccountQueryDto): Promise<Page<AccountDto>> {
    return this.accounts.list(actor, query);
  }
}
