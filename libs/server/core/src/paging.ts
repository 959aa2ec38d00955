import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { namedEnum } from './api-schemas';

/** Far beyond any list of this API; a larger page would make an offset the database cannot take. */
export const MAX_PAGE = 100_000;

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export class PageQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Page number, from 1',
    default: 1,
    minimum: 1,
    maximum: MAX_PAGE,
    example: 1,
  })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @ApiPropertyOptional({ type: 'integer', description: 'Items per page', default: 20, minimum: 1, maximum: 100, example: 20 })
  @IsOptional()
  @TransformType(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;

  @ApiPropertyOptional({ ...namedEnum(SORT_ORDERS, 'SortOrder', { default: 'asc' }), description: 'Sort direction' })
  @IsOptional()
  @IsIn(SORT_ORDERS)
  order: SortOrder = 'asc';

  @ApiPropertyOptional({ description: 'Case-insensitive text search on the name', example: 'digital' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageOf<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A named OpenAPI schema for a page of items, so the generated client gets real types. */
export function PageDtoOf<T>(item: Type<T>): Type<Page<T>> {
  class PageDto implements Page<T> {
    @ApiProperty({ type: [item] })
    items: T[];
    @ApiProperty({ example: 42 })
    total: number;
    @ApiProperty({ example: 1 })
    page: number;
    @ApiProperty({ example: 20 })
    pageSize: number;
  }
  Object.defineProperty(PageDto, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  return PageDto;
}
